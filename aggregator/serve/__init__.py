"""The web server: published files with validators, query feeds, the HTML pages, health and
metrics; connections bounded so that no client can hold it (starlette and uvicorn live here
and in the daemon only)."""
