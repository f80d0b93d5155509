"""What every request passes through: health checks, the request log, the page
cache, and the visitor's address as the proxies saw it."""
