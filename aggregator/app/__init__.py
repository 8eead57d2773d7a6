"""Use cases that the command line and the daemon share: a round and its publish, publishing
with its outcome recorded, pruning, retagging, discovering a feed, previewing a source,
importing and exporting OPML. The CLI and the daemon hold no policy of their own."""
