"""A built site served on 127.0.0.1 as GitHub Pages serves a project site: the one server of the
tools (lighthouse.py, check_site.py, bench/page_weights.py) and the tests (tests/helpers.py `serve`).

Under the path of `site_url` ('/run-tips/'), text gzipped for clients that accept it, a folder
without its slash redirected, a folder's index.html for the folder, and anything else the site's
404.html with status 404. Each server takes a free port unless given one, so servers in parallel
test workers never meet.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import mimetypes
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = ["Served", "listening", "serve"]

# What Pages compresses: text of every kind; pictures and fonts are compressed already.
COMPRESSED_TYPES = re.compile(
    r"^(text/.*|application/(javascript|json|xml|atom\+xml|rss\+xml|feed\+json|manifest\+json)|image/svg\+xml)$"
)
TYPES = {
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".gz": "application/gzip",
}


@dataclass
class Served:
    """A built site served under `prefix`; `url` is the site's address, ending in '/'; `requests`
    every path asked for, in order."""

    root: Path
    prefix: str
    url: str = ""
    requests: list[str] = field(default_factory=list)

    def page_url(self, site_path: str) -> str:
        """The served address of a site-relative path like 'tips/' or ''."""
        return self.url + site_path.lstrip("/")


def _content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


class PagesHandler(BaseHTTPRequestHandler):
    """Files under the prefix; a folder without its slash is redirected; the rest is 404.html."""

    protocol_version = "HTTP/1.1"
    served: Served  # set by `serve` on a subclass per server
    html_filter: Callable[[bytes], bytes] | None  # what a test puts into every HTML page, or None
    gzipped: dict[tuple[Path, float], bytes]
    lock: threading.Lock

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        served = self.served
        with self.lock:
            served.requests.append(self.path)
        path = unquote(urlsplit(self.path).path)
        missing = served.root / "404.html"
        if not path.startswith(served.prefix) or "/.." in path or "\\" in path:
            self._send_file(missing, HTTPStatus.NOT_FOUND, body)
            return
        target = served.root / path[len(served.prefix) :]
        if target.is_dir() and not path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            self._send_file(target, HTTPStatus.OK, body)
        else:
            self._send_file(missing, HTTPStatus.NOT_FOUND, body)

    def _compressed(self, path: Path, data: bytes, mtime: float) -> bytes:
        with self.lock:
            key = (path, mtime)
            if key not in self.gzipped:
                self.gzipped[key] = gzip.compress(data, compresslevel=6, mtime=0)
            return self.gzipped[key]

    def _send_file(self, path: Path, status: HTTPStatus, body: bool) -> None:
        stat = path.stat() if path.is_file() else None
        if stat is None:  # a site without 404.html: a plain page, as Pages has its own
            data, kind = b"Not found\n", "text/plain; charset=utf-8"
        else:
            data, kind = path.read_bytes(), _content_type(path)
            if self.html_filter is not None and kind.startswith("text/html"):
                data = self.html_filter(data)
        gzipped = COMPRESSED_TYPES.match(kind.split(";")[0]) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if gzipped:
            data = self._compressed(path, data, stat.st_mtime if stat else 0.0)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")  # what Pages sends
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if stat:
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: `Served.requests` records what was asked for


@contextlib.contextmanager
def listening(handler: type[BaseHTTPRequestHandler], port: int = 0) -> Iterator[int]:
    """Answer with `handler` on 127.0.0.1, in a thread, on `port` (0: a free one, yielded) until the
    block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True  # a request still hanging (a test of timeouts) does not hold up the end
    # serve_forever looks for shutdown() every poll_interval: 0.05 s, not the default 0.5 s, so a block
    # ends at once (hundreds of tests serve a site).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def serve(
    root: Path, prefix: str = "/", port: int = 0, html_filter: Callable[[bytes], bytes] | None = None
) -> Iterator[Served]:
    """Serve the built site in `root` under `prefix` ('/run-tips/') as GitHub Pages serves it;
    `html_filter`, for tests only, changes each HTML page as it is sent (tests/browsers.py)."""
    assert prefix.startswith("/") and prefix.endswith("/"), prefix
    served = Served(root, prefix)
    change = staticmethod(html_filter) if html_filter else None  # a function, not a method of the handler
    attributes = {"served": served, "gzipped": {}, "lock": threading.Lock(), "html_filter": change}
    handler = type("Handler", (PagesHandler,), attributes)
    with listening(handler, port) as bound:
        served.url = f"http://127.0.0.1:{bound}{prefix}"
        yield served
