#!/usr/bin/env python3
"""Keep one open issue listing the coach links and details to check, from scripts/check_links.py's report.

    scripts/links_issue.py REPORT.md [--repo OWNER/NAME] [--api-url URL]

REPORT.md is what `scripts/check_links.py --issue REPORT.md` wrote. When it has text, the open issue
titled "Coach links and details to check" gets it as its body, or is opened when there is none (never
a second one). When it is empty, that issue is closed with a comment; with none open, nothing happens.
GITHUB_TOKEN (issues: write) authenticates; --repo defaults to $GITHUB_REPOSITORY. Exit status 0 when
done, 1 when GitHub refused, 2 when called wrongly (no report, no token).
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coachblog.coaches.link_check import ISSUE_TITLE
from github_api import API, GitHubRepo  # scripts/github_api.py

PAGES = 10  # of 100 open issues each, looked through for ours
CLOSING = "Every coach link works and every entry has been confirmed within the year: closing."


class GitHub(GitHubRepo):
    """The repository's issues."""

    def __init__(self, api_url: str, repo: str, token: str) -> None:
        super().__init__(api_url, repo, token, "coachblog-links-issue")

    def open_issue(self, title: str) -> dict[str, Any] | None:
        """The oldest open issue (not pull request) with exactly this title, or None."""
        found = [
            i
            for i in self.listed("/issues?state=open", PAGES)
            if i.get("title") == title and "pull_request" not in i
        ]
        return min(found, key=lambda issue: int(issue["number"])) if found else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("report", type=Path, help="the Markdown scripts/check_links.py --issue wrote")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="OWNER/NAME")
    parser.add_argument("--api-url", default=API, help=f"GitHub's REST API (default {API})")
    parser.add_argument("--title", default=ISSUE_TITLE, help="the issue's title")
    args = parser.parse_args(argv)
    token = os.environ.get("GITHUB_TOKEN", "")
    if not args.report.is_file():
        parser.error(f"no report at {args.report}: did scripts/check_links.py run?")
    if not token:
        parser.error("GITHUB_TOKEN is not set")
    if not args.repo or args.repo.count("/") != 1:
        parser.error("--repo must be OWNER/NAME (or set GITHUB_REPOSITORY)")
    api = urlsplit(args.api_url)
    if api.scheme != "https" and api.hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--api-url must start https:// (http:// only on this computer, for tests)")
    body = args.report.read_text(encoding="utf-8")
    github = GitHub(args.api_url, args.repo, token)
    try:
        print(update(github, args.title, body))
    except (urllib.error.URLError, OSError, ValueError) as error:
        detail = (
            error.read().decode("utf-8", "replace")[:300] if isinstance(error, urllib.error.HTTPError) else ""
        )
        print(f"GitHub refused: {error} {detail}".strip(), file=sys.stderr)
        return 1
    return 0


def update(github: GitHub, title: str, body: str) -> str:
    """Open, update or close the issue as the report says; what was done, in words."""
    issue = github.open_issue(title)
    if body.strip():
        if issue:
            github.call("PATCH", f"/issues/{issue['number']}", {"body": body})
            return f"Updated issue #{issue['number']}."
        made = github.call("POST", "/issues", {"title": title, "body": body})
        return f"Opened issue #{made['number']}."
    if issue is None:
        return "Nothing to report and no issue open."
    github.call("POST", f"/issues/{issue['number']}/comments", {"body": CLOSING})
    github.call("PATCH", f"/issues/{issue['number']}", {"state": "closed", "state_reason": "completed"})
    return f"Closed issue #{issue['number']}."


if __name__ == "__main__":
    sys.exit(main())
