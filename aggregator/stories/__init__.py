"""Stories: which stored item a fetched item is, which story it belongs to (by link or near-
duplicate text), and which copy a story shows. Decisions are pure functions; what they need to
know of the store comes through a lookup protocol (lookup.py), never the store itself."""
