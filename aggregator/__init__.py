"""aggregator: prosecution-service and justice-summit news, fetched, deduplicated, tagged and
republished as Atom."""

__version__ = "0.1.0"
