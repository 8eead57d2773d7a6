"""Entries -> items: what a source wrote, made safe and comparable before it is stored.

Pure functions of their arguments: canonical links and the http(s) test every published address
passes, HTML sanitized with nh3 and bounded, plain text, dates that can be trusted for ordering,
the keys that make an item the same item, and the text fingerprints near-duplicate detection
compares.
"""
