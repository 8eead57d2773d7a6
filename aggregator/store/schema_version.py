"""The version of the store's schema this aggregator reads and writes: the tables of schema.py,
which migrations.py brings older stores to. Its own module, so that opening a store finds
out whether it is current without importing SQLAlchemy (direct.py)."""

SCHEMA_VERSION = 15
