"""The network: the only user of httpx. Conditional GET with politeness, caps and deadlines,
redirects followed hop by hop, bodies read within their size cap, server hints read, robots.txt,
and the WebSub ping after a publish."""
