"""`aggregator demo`: the bundled sample feeds served on 127.0.0.1 and the real daemon reading
them, offline."""
