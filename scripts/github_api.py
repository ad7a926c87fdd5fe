"""The few calls of GitHub's REST API the workflows' scripts make (links_issue.py, pr_comment.py).

Standard library only: the scripts run with requirements-check.txt. `api_url` is an option of each
script so that the tests point it at a stand-in for GitHub on 127.0.0.1.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

API = "https://api.github.com"
TIMEOUT = 30  # seconds a call may take
ANSWER_MAX = 20_000_000  # bytes read of one answer at most
PAGE_SIZE = 100  # GitHub's largest page


class GitHubRepo:
    """One repository's REST calls, with the token and the headers GitHub asks for."""

    def __init__(self, api_url: str, repo: str, token: str, agent: str) -> None:
        self.base = f"{api_url.rstrip('/')}/repos/{quote(repo, safe='/')}"
        self.token = token
        self.agent = agent

    def call(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        """`method` on `path` under the repository ('/issues/1'), `data` sent as JSON; the answer's JSON."""
        request = urllib.request.Request(
            self.base + path,
            data=None if data is None else json.dumps(data).encode("utf-8"),
            method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": self.agent,
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read(ANSWER_MAX) or b"null")

    def listed(self, path: str, pages: int) -> Iterator[dict[str, Any]]:
        """Every item of a list at `path` (with its query, if any), page by page, `pages` pages at most."""
        joiner = "&" if "?" in path else "?"
        for page in range(1, pages + 1):
            batch = self.call("GET", f"{path}{joiner}per_page={PAGE_SIZE}&page={page}")
            yield from batch
            if len(batch) < PAGE_SIZE:
                return
