"""One update round. `round.Updater` orchestrates and decides nothing: it moves data between the
fetcher, the parse workers (`worker`, run by `runtime.ParsePool`), the pure deciders
(`decide`, stories, schedule) and the store thread, whose writes are grouped (`group_write`).
`pages` fetches the further pages and articles of HTML sources."""
