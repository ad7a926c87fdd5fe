"""A built site served on 127.0.0.1 the way GitHub Pages serves it, and Debian's Chromium to load it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tests never reach the network: any host but this machine fails to resolve, inside Chromium.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


@dataclass
class Served:
    """A folder served over HTTP under `prefix`; `url` is the site's address, ending in '/'."""

    root: Path
    prefix: str
    url: str
    requests: list[str] = field(default_factory=list)

    def page_url(self, site_path: str) -> str:
        """The served address of a site-relative path like 'tips/' or ''."""
        return self.url + site_path.lstrip("/")


def _handler_for(served: Served) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        """Files under the prefix only; anything else is a 404 with the site's 404.html, as on Pages."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(served.root), **kwargs)

        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path[len(served.prefix) :])

        def send_head(self) -> Any:
            served.requests.append(self.path)
            if not self.path.startswith(served.prefix):
                self.send_error(HTTPStatus.NOT_FOUND)
                return None
            return super().send_head()

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = served.root / "404.html"
            if code != HTTPStatus.NOT_FOUND or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet; `requests` records what was asked for

    return Handler


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[Served]:
    """Serve `root` on 127.0.0.1 (a free port) under `prefix`, e.g. '/coach-blog/' for a project site."""
    assert prefix.startswith("/") and prefix.endswith("/"), prefix
    served = Served(root, prefix, "")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(served))
    served.url = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (which never downloads a browser of its own)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
