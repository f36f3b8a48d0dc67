"""A real HTTP server on 127.0.0.1 serving what a test writes: feeds, pages, failures.

    with FeedServer() as server:
        server.route("/feed.xml", Reply(body=rss, headers={"Content-Type": "application/rss+xml"}))
        server.url("/feed.xml")

A route is a `Reply` or a function of the request giving one; `server.requests` records each
request's path and headers, and `server.peak_in_flight` the most served at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Request], Reply]


class FeedServer:
    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.requests.append(request)
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    self._serve(request)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _serve(self, request: Request) -> None:
                route = server.routes.get(request.path.split("?")[0])
                if route is None:
                    reply = Reply(404, b"not here")
                else:
                    reply = route(request) if callable(route) else route
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                streamed = not isinstance(reply.body, bytes)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if streamed:
                    self.send_header("Transfer-Encoding", "chunked")
                elif "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if not streamed:
                    self.wfile.write(reply.body)
                    return
                for chunk in reply.body:
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    def __enter__(self) -> FeedServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_html(
    title: str,
    paragraphs: Iterable[str],
    *,
    canonical: str | None = None,
    author: str = "Ann Writer",
    date: str = "2026-11-30",
    site: str = "Local Times",
    charset: str = "utf-8",
) -> str:
    """A news page as outlets write them: head metadata, navigation, the article, a footer."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title} | {site}</title>{link}
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><p class="byline">By {author}</p>
{body}
</article>
<footer>Copyright Local Times. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def rss(
    items: Iterable[tuple[str, str]],
    *,
    title: str = "Local Times",
    dates: dict[str, str] | None = None,
) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    dates = dates or {}
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{dates.get(link, 'Mon, 30 Nov 2026 08:00:00 GMT')}</pubDate></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()
