#!/usr/bin/env python3
"""Time scripts/check_links.py on many coach files against a local server that answers each request late.

    python -m bench.bench_links                     # 500 coaches, 200 ms an answer, 8 workers
    python -m bench.bench_links --coaches 100 --delay 0.5 --workers 16

Each made-up coach publishes a website, a contact page and an Instagram profile; --map sends them all
to a server on 127.0.0.1 that waits --delay seconds before every answer. Prints the run's time, the
requests the server saw and what the ideal for that many workers would be. Nothing leaves this computer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 1, 15)
COACH = """\
name: Bench Coach {n}
place: Dorking
country: GB
specialties: [trail]
coaching: [online]
website: https://example.org/coach-{n}
contact_url: https://example.org/coach-{n}/contact
bio: A made-up coach for timing the link check.
social: {{instagram: "@benchcoach{n}"}}
joined: 2025-12-01
"""
PAGE = b"<!doctype html><title>Coach</title><p>Trail running sessions.</p>"


class _Slow(BaseHTTPRequestHandler):
    delay = 0.2
    count = 0
    lock = threading.Lock()

    def _answer(self) -> None:
        with _Slow.lock:
            _Slow.count += 1
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(PAGE)

    do_GET = do_HEAD = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--coaches", type=int, default=500)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds the server waits before answering")
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    _Slow.delay = args.delay
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    server.request_queue_size = 128
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_text(
            "site_name: Bench\nsite_url: https://example.org/\n", encoding="utf-8"
        )
        coaches = root / "docs" / "coaches"
        coaches.mkdir(parents=True)
        for n in range(args.coaches):
            (coaches / f"bench-coach-{n:04d}.yml").write_text(COACH.format(n=f"{n:04d}"), encoding="utf-8")
        start = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "check_links.py"),
                "--today",
                TODAY.isoformat(),
                "--workers",
                str(args.workers),
                "--map",
                f"https://example.org/=http://127.0.0.1:{port}/",
                "--map",
                f"https://www.instagram.com/=http://127.0.0.1:{port}/instagram/",
            ],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.monotonic() - start
    server.shutdown()
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
        return 1
    ideal = _Slow.count * args.delay / args.workers
    print(
        f"{args.coaches} coach files, {3 * args.coaches} links, {_Slow.count} requests answered after "
        f"{args.delay * 1000:.0f} ms each, {args.workers} workers: {took:.1f} s "
        f"(the requests alone need {ideal:.1f} s at that many at a time). {result.stdout.strip()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
