"""The coach's pull request comment: check_coaches.py --json, check.yml's artifact, pr-comment.yml, and
scripts/pr_comment.py run against a stand-in for GitHub's REST API on this computer."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no types
import pytest
import yaml
from lxml.html import HtmlElement

from tests.content import EVIL, NAME, coach, run, site_folder
from tests.helpers import REPO, FakeGitHub, listening, parse

WORKFLOWS = REPO / ".github" / "workflows"
COMMENT_WORKFLOW = WORKFLOWS / "pr-comment.yml"
CHECK_WORKFLOW = WORKFLOWS / "check.yml"
PLUGINS = str(REPO / "plugins")
MARKER = "<!-- coachblog-coach-check -->"
BOT = "github-actions[bot]"
HEAD = "0123456789abcdef0123456789abcdef01234567"
NUMBER = 7
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
HOSTILE_BIO = (
    "Ping @everyone and @octocat, see [my site](https://evil.example/a) or https://evil.example/b, "
    "www.evil.example, `rm -rf` and <!-- coachblog-coach-check --> <b>bold</b> #1"
)


# ---------------------------------------------------------------- a stand-in for GitHub


@dataclass
class GitHub:
    """The parts of GitHub's REST API the comment step uses: one pull request and its comments."""

    port: int = 0
    head: str = HEAD
    comments: list[dict[str, Any]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    def ours(self) -> list[dict[str, Any]]:
        return [c for c in self.comments if c["user"]["login"] == BOT and c["body"].startswith(MARKER)]

    def writes(self) -> list[str]:
        return [c for c in self.calls if not c.startswith("GET ")]


class _GitHubHandler(FakeGitHub):
    state: GitHub
    prefix = "/repos/example/coach-blog"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if not self.allowed():
            return
        if parts.path == f"{self.prefix}/pulls/{NUMBER}":
            self.send_json(200, {"number": NUMBER, "head": {"sha": self.state.head}})
        elif parts.path == f"{self.prefix}/issues/{NUMBER}/comments":
            query = parse_qs(parts.query)
            page, size = int(query["page"][0]), int(query["per_page"][0])
            self.send_json(200, self.state.comments[(page - 1) * size : page * size])
        else:
            self.send_json(404, {"message": "Not Found"})

    def do_POST(self) -> None:
        if not self.allowed():
            return
        if self.path != f"{self.prefix}/issues/{NUMBER}/comments":
            self.send_json(404, {"message": "Not Found"})
            return
        made = {
            "id": 1000 + len(self.state.comments),
            "user": {"login": BOT},
            "body": self.sent_json()["body"],
        }
        self.state.comments.append(made)
        self.send_json(201, made)

    def do_PATCH(self) -> None:
        if not self.allowed():
            return
        match = re.fullmatch(rf"{self.prefix}/issues/comments/(\d+)", self.path)
        comment = next((c for c in self.state.comments if match and c["id"] == int(match[1])), None)
        if comment is None or comment["user"]["login"] != BOT:
            self.send_json(403 if comment else 404, {"message": "Forbidden" if comment else "Not Found"})
            return
        comment["body"] = self.sent_json()["body"]
        self.send_json(200, comment)


@pytest.fixture
def github() -> Iterator[GitHub]:
    state = GitHub()
    # Comments that are not ours, one faking our marker: none of them is ever changed.
    state.comments += [
        {"id": 1, "user": {"login": "dana"}, "body": "Thanks!"},
        {"id": 2, "user": {"login": "mallory"}, "body": f"{MARKER}\nYour entry is ready (not really)"},
        {"id": 3, "user": {"login": BOT}, "body": "Another workflow's comment"},
    ]
    with listening(type("Handler", (_GitHubHandler,), {"state": state})) as port:
        state.port = port
        yield state


# ---------------------------------------------------------------- results and runs


def checked(root: Path, *files: str) -> dict[str, Any]:
    """check_coaches.py --json on these files of the site in `root`, stamped as check.yml stamps it."""
    result = run("check_coaches.py", "--json", "coach-check.json", *files, cwd=root, PYTHONPATH=PLUGINS)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads((root / "coach-check.json").read_text(encoding="utf-8"))
    data["pull_request"] = {"number": NUMBER, "head_sha": HEAD}
    return data


def failing_result() -> dict[str, Any]:
    return {
        "schema": 1,
        "passed": False,
        "checked": ["docs/coaches/alex-example.yml"],
        "problems": [
            {
                "file": "docs/coaches/alex-example.yml",
                "line": 4,
                "field": "specialties",
                "message": "has a value that is not on the list",
                "value": "'fel'",
                "allowed": "beginners, road, trail, fell",
                "hint": "Did you mean 'fell'?",
            }
        ],
        "coaches": [],
        "pull_request": {"number": NUMBER, "head_sha": HEAD},
    }


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pr_comment(
    github: GitHub, result: Path, *options: str, pr: str = str(NUMBER), head: str = HEAD
) -> subprocess.CompletedProcess[str]:
    return run(
        "pr_comment.py",
        str(result),
        "--repo",
        "example/coach-blog",
        "--pr",
        pr,
        "--head-sha",
        head,
        "--api-url",
        f"http://127.0.0.1:{github.port}",
        "--run-url",
        "https://github.com/example/coach-blog/actions/runs/42",
        *options,
        cwd=result.parent,
        GITHUB_TOKEN="test-token",
    )


def rendered(body: str) -> HtmlElement:
    """The comment as HTML (Python-Markdown: close enough to GitHub's for what a comment may hold)."""
    return parse(f"<div>{markdown.markdown(body)}</div>")


def shown(body: str) -> str:
    """The comment's text as a reader sees it, zero-width spaces removed."""
    return " ".join(rendered(body).text_content().replace("\u200b", "").split())


# ---------------------------------------------------------------- check_coaches.py --json


def test_check_json_of_a_good_file_has_its_profile_text_with_the_schemas_labels(tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    (root / "docs/coaches/alex-example.yml").write_text(coach(email="alex2@example.org"), encoding="utf-8")
    data = checked(root, "docs/coaches/alex-example.yml")
    assert data["schema"] == 1 and data["passed"] is True
    assert data["checked"] == ["docs/coaches/alex-example.yml"] and data["problems"] == []
    (profile,) = data["coaches"]
    assert profile == {
        "file": "docs/coaches/alex-example.yml",
        "name": "Alex Example",
        "place": "Dorking",
        "region": "England",
        "country": "GB",
        "country_name": "United Kingdom",
        "online_only": False,
        "specialties": ["Trail running", "Fell and mountain running"],
        "coaching": ["In person", "Groups"],
        "qualifications": [],
        "bio": "I coach trail runners in the Surrey Hills.",
        "website": True,
        "contact": ["email"],
        "photo": False,
    }
    assert "https://" not in json.dumps(data), "links only as whether they are there"


def test_check_json_of_a_bad_file_lists_each_problem_and_no_profile(tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    bad = coach(specialties="[trail, fel]", website="example.org", email="alex2@example.org")
    (root / "docs/coaches/alex-example.yml").write_text(bad, encoding="utf-8")
    result = run("check_coaches.py", "--json", "out.json", "docs/coaches/alex-example.yml", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/coaches/alex-example.yml:4: field 'specialties'"), (
        "output as before"
    )
    data = json.loads((root / "out.json").read_text(encoding="utf-8"))
    assert data["passed"] is False and data["coaches"] == [] and data["problem_count"] == 2
    first, second = data["problems"]
    assert first == {
        "file": "docs/coaches/alex-example.yml",
        "line": 4,
        "field": "specialties",
        "message": "has a value that is not on the list",
        "value": "'fel'",
        "allowed": "beginners, road, trail, fell, ultra, marathon, cross-country, track, juniors, "
        "masters, strength, technique, navigation",
        "hint": "Did you mean 'fell'?",
    }
    assert (second["line"], second["field"], second["hint"]) == (6, "website", "Write 'https://example.org'")


def test_check_json_of_a_missing_file_names_it_among_the_files_checked(tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    data = checked(root, "docs/coaches/nobody.yml")
    assert data["checked"] == ["docs/coaches/nobody.yml"] and data["passed"] is False
    assert [(p["file"], p["message"]) for p in data["problems"]] == [
        ("docs/coaches/nobody.yml", "does not exist")
    ]


# ---------------------------------------------------------------- one comment, kept up to date


def test_the_first_run_comments_and_the_next_updates_that_comment_never_a_second(
    github: GitHub, tmp_path: Path
) -> None:
    root = site_folder(tmp_path)
    bad = coach(specialties="[trail, fel]", email="alex2@example.org")
    (root / "docs/coaches/alex-example.yml").write_text(bad, encoding="utf-8")
    result = write(tmp_path / "result.json", checked(root, "docs/coaches/alex-example.yml"))
    first = pr_comment(github, result)
    assert first.returncode == 0, first.stderr
    assert "Commented on #7" in first.stdout
    (mine,) = github.ours()
    assert "Line 4, field" in shown(mine["body"]) and "Did you mean 'fell'?" in shown(mine["body"])

    (root / "docs/coaches/alex-example.yml").write_text(coach(email="alex2@example.org"), encoding="utf-8")
    write(result, checked(root, "docs/coaches/alex-example.yml"))
    second = pr_comment(github, result)
    assert second.returncode == 0, second.stderr
    assert f"Updated comment {mine['id']}" in second.stdout
    assert github.ours() == [mine] and "Your entry is ready" in shown(mine["body"])
    assert len(github.comments) == 4, "one comment of ours, made once"
    assert github.comments[1]["body"].endswith("(not really)"), "a comment faking the marker is left alone"

    calls = len(github.calls)
    assert pr_comment(github, result).returncode == 0
    assert [c.split()[0] for c in github.calls[calls:]] == ["GET", "GET"], (
        "the same words are not written again"
    )


def test_the_comment_is_found_again_on_a_later_page_of_a_long_conversation(
    github: GitHub, tmp_path: Path
) -> None:
    github.comments += [{"id": 10 + i, "user": {"login": "dana"}, "body": "+1"} for i in range(150)]
    result = write(tmp_path / "r.json", failing_result())
    assert pr_comment(github, result).returncode == 0
    assert pr_comment(github, write(result, dict(failing_result(), problems=[], passed=True))).returncode == 0
    assert len(github.ours()) == 1 and github.ours()[0]["id"] == 1000 + 153
    assert len([c for c in github.writes() if c.startswith("POST")]) == 1


def test_a_failing_check_says_what_to_fix_file_by_file_with_line_field_and_fix(
    github: GitHub, tmp_path: Path
) -> None:
    data = failing_result()
    data["problems"].append(
        {
            "file": "docs/coaches/sam-other.yml",
            "line": None,
            "field": None,
            "message": "is not in docs/coaches/",
            "value": None,
            "allowed": None,
            "hint": "Move it to docs/coaches/sam-other.yml",
        }
    )
    assert pr_comment(github, write(tmp_path / "result.json", data)).returncode == 0
    (comment,) = github.ours()
    html = rendered(comment["body"])
    assert [" ".join(h.text_content().split()) for h in html.xpath("//h2|//h3")] == [
        "Coach file check: 2 things to fix",
        "docs/coaches/alex-example.yml",
        "docs/coaches/sam-other.yml",
    ]
    items = [" ".join(li.text_content().split()) for li in html.xpath("//li")]
    assert items[0].startswith('Line 4, field "specialties": has a value that is not on the list')
    assert "(you wrote: 'fel')" in items[0] and "Allowed: beginners, road, trail, fell" in items[0]
    assert "How to fix: Did you mean 'fell'?" in items[0]
    assert items[1] == "is not in docs/coaches/ How to fix: Move it to docs/coaches/sam-other.yml"
    assert html.xpath("//a/@href") == [
        "https://github.com/example/coach-blog/blob/HEAD/CONTRIBUTING.md",
        "https://github.com/example/coach-blog/actions/runs/42",
    ]
    assert "0123456789ab" in shown(comment["body"])


def test_a_passing_check_shows_how_the_entry_will_look(github: GitHub, tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    (root / "docs/coaches/alex-example.yml").write_text(
        coach(email="alex2@example.org", qualifications="[UKA Leader in Running Fitness]"), encoding="utf-8"
    )
    assert (
        pr_comment(
            github, write(tmp_path / "r.json", checked(root, "docs/coaches/alex-example.yml"))
        ).returncode
        == 0
    )
    (comment,) = github.ours()
    html = rendered(comment["body"])
    assert html.xpath("//h2")[0].text_content() == "Coach file check: your entry is ready"
    quote = " ".join(html.xpath("//blockquote")[0].text_content().split())
    for words in (
        "Alex Example",
        "Running coach in Dorking, England, United Kingdom.",
        "Specialties: Trail running, Fell and mountain running",
        "How they coach: In person, Groups",
        "Qualifications: UKA Leader in Running Fitness",
        "Get in touch: website, email",
        "I coach trail runners in the Surrey Hills.",
    ):
        assert words in quote
    assert "No photo" in shown(comment["body"])


def test_an_online_coach_is_shown_working_online(github: GitHub, tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    assert (
        pr_comment(
            github, write(tmp_path / "r.json", checked(root, "docs/coaches/cai-online.yml"))
        ).returncode
        == 0
    )
    assert "Running coach working online, based in Cardiff, Wales, United Kingdom." in shown(
        github.ours()[0]["body"]
    )


def test_with_no_coach_file_changed_nothing_is_said_unless_a_comment_is_there_to_update(
    github: GitHub, tmp_path: Path
) -> None:
    # What check.yml's step writes when the pull request changes no coach file.
    nothing = {"schema": 1, "passed": True, "checked": [], "problems": [], "coaches": []}
    nothing["pull_request"] = {"number": NUMBER, "head_sha": HEAD}
    result = write(tmp_path / "r.json", nothing)
    assert pr_comment(github, result).returncode == 0
    assert github.ours() == [] and github.writes() == []

    assert pr_comment(github, write(tmp_path / "bad.json", failing_result())).returncode == 0
    assert pr_comment(github, result).returncode == 0
    (comment,) = github.ours()
    assert "changes no coach file now" in shown(comment["body"])


def test_a_check_that_did_not_finish_makes_no_new_comment(github: GitHub, tmp_path: Path) -> None:
    stopped = {"schema": 1, "finished": False, "passed": False, "checked": [], "problems": [], "coaches": []}
    stopped["pull_request"] = {"number": NUMBER, "head_sha": HEAD}
    assert pr_comment(github, write(tmp_path / "r.json", stopped)).returncode == 0
    assert github.writes() == []


def test_a_result_for_an_older_commit_is_left_unsaid(github: GitHub, tmp_path: Path) -> None:
    github.head = "f" * 40  # the pull request has moved on since this check ran
    result = pr_comment(github, write(tmp_path / "r.json", failing_result()))
    assert result.returncode == 0 and "nothing posted" in result.stdout
    assert github.writes() == []


def test_a_forks_pull_request_is_found_by_the_artifacts_number_when_its_head_is_the_checked_commit(
    github: GitHub, tmp_path: Path
) -> None:
    result = pr_comment(github, write(tmp_path / "r.json", failing_result()), pr="")
    assert result.returncode == 0, result.stderr
    assert len(github.ours()) == 1
    assert f"GET /repos/example/coach-blog/pulls/{NUMBER}" in github.calls


# ---------------------------------------------------------------- hostile text


def test_hostile_text_from_a_coach_file_shows_as_typed_and_links_pings_and_marks_nothing(
    github: GitHub, tmp_path: Path
) -> None:
    root = site_folder(tmp_path)
    (root / "docs/coaches/evil-coach.yml").write_text(EVIL, encoding="utf-8")
    hostile = coach(bio=json.dumps(HOSTILE_BIO), email="alex2@example.org")
    (root / "docs/coaches/alex-example.yml").write_text(hostile, encoding="utf-8")
    data = checked(root, "docs/coaches/evil-coach.yml", "docs/coaches/alex-example.yml")
    assert data["passed"] is True, data["problems"]
    assert pr_comment(github, write(tmp_path / "r.json", data)).returncode == 0
    (comment,) = github.ours()
    body = comment["body"]

    assert body.startswith(MARKER + "\n") and body.count("<") == 1, "no HTML but the marker"
    assert "`" not in body and "](" not in body.replace("](https://github.com/example/coach-blog/", "")
    html = rendered(body)
    assert not html.xpath(
        "//script|//img|//iframe|//svg|//b|//code|//em[not(starts-with(., 'Checked commit'))]"
    )
    assert set(html.xpath("//a/@href")) == {
        "https://github.com/example/coach-blog/blob/HEAD/CONTRIBUTING.md",
        "https://github.com/example/coach-blog/actions/runs/42",
    }
    text = shown(body)
    assert NAME in text, "shown as typed"
    assert HOSTILE_BIO in text
    # What GitHub links in plain text, after Markdown: each is broken by a zero-width space.
    raw = html.text_content()
    for linked in ("@everyone", "@octocat", "https://evil", "www.evil", "#1", "evil@example"):
        assert linked not in raw, linked


def test_long_texts_are_cut_short_and_the_comment_stays_under_githubs_limit(
    github: GitHub, tmp_path: Path
) -> None:
    data = failing_result()
    data["problems"] = [
        dict(data["problems"][0], file=f"docs/coaches/{i}.yml", message="&" * 2000, hint="|" * 2000)
        for i in range(100)
    ]
    data["problem_count"] = 250
    assert pr_comment(github, write(tmp_path / "r.json", data)).returncode == 0
    (comment,) = github.ours()
    assert len(comment["body"]) < 65_536
    assert "&" * 401 not in shown(comment["body"]) and "…" in shown(comment["body"])
    assert "left out to keep this comment short" in shown(comment["body"])


# ---------------------------------------------------------------- refused results


def refused(github: GitHub, result: subprocess.CompletedProcess[str], why: str) -> None:
    assert result.returncode == 1
    assert "refused" in result.stderr and why in result.stderr, result.stderr
    assert "Nothing was posted" in result.stderr
    assert github.calls == [], "GitHub is not even asked"


def test_a_result_over_the_size_limit_is_refused(github: GitHub, tmp_path: Path) -> None:
    data = failing_result()
    data["padding"] = " " * 1_000_000
    refused(github, pr_comment(github, write(tmp_path / "r.json", data)), "over the size limit")


def test_a_result_for_another_pull_request_is_refused(github: GitHub, tmp_path: Path) -> None:
    result = pr_comment(github, write(tmp_path / "r.json", failing_result()), pr="8")
    refused(github, result, "is for pull request #7, but the run is for #8")


def test_a_result_for_another_commit_is_refused(github: GitHub, tmp_path: Path) -> None:
    result = pr_comment(github, write(tmp_path / "r.json", failing_result()), head="e" * 40)
    refused(github, result, "is for commit 0123456789abcdef")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{"schema": 1, "passed": ', "is not valid JSON (line 1, column"),
        ("[1, 2]", "result is not an object"),
        ("NaN", "is not valid JSON"),
        ("[" * 100_000, "is not valid JSON"),
        ("\xff\xfe{}", "is not UTF-8 text"),
    ],
    ids=["cut short", "a list", "NaN", "nested too deep", "not UTF-8"],
)
def test_a_result_that_is_not_json_is_refused(github: GitHub, tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(text.encode("latin-1"))
    refused(github, pr_comment(github, path), why)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.update(schema=2), "result.schema is not 1"),
        (lambda d: d.update(schema=True), "result.schema is not 1"),
        (lambda d: d["problems"][0].update(line="4"), "result.problems[0].line is not a whole number"),
        (lambda d: d["problems"][0].update(message=["<b>"]), "result.problems[0].message is not text"),
        (lambda d: d.update(passed="yes"), "result.passed is not true or false"),
        (lambda d: d.update(passed=True), "result.passed does not agree with result.problems"),
        (lambda d: d.update(coaches=[{"name": 5}]), "result.coaches[0].name is not text"),
        (lambda d: d["pull_request"].update(number=True), "result.pull_request.number is not a whole number"),
        (lambda d: d["pull_request"].update(head_sha="main"), "does not name a pull request and a commit"),
        (lambda d: d.pop("pull_request"), "result.pull_request is not an object"),
    ],
    ids=[
        "version",
        "true as version",
        "line",
        "message",
        "passed",
        "contradiction",
        "profile",
        "number",
        "commit",
        "no number",
    ],
)
def test_a_result_with_a_value_of_the_wrong_kind_is_refused_by_its_path(
    github: GitHub, tmp_path: Path, change: Any, why: str
) -> None:
    data = failing_result()
    change(data)
    result = pr_comment(github, write(tmp_path / "r.json", data))
    refused(github, result, why)
    assert "<b>" not in result.stderr, "the message never quotes the file"


def test_a_result_that_is_a_link_is_not_followed(github: GitHub, tmp_path: Path) -> None:
    secret = write(tmp_path / "elsewhere.json", failing_result())
    (tmp_path / "r.json").symlink_to(secret)
    refused(github, pr_comment(github, tmp_path / "r.json"), "a link is not followed")


def test_without_a_token_or_with_a_wrong_one_nothing_is_posted(github: GitHub, tmp_path: Path) -> None:
    result = write(tmp_path / "r.json", failing_result())
    assert run("pr_comment.py", str(result), "--head-sha", HEAD, cwd=tmp_path).returncode == 2
    wrong = run(
        "pr_comment.py",
        str(result),
        "--repo",
        "example/coach-blog",
        "--head-sha",
        HEAD,
        "--api-url",
        f"http://127.0.0.1:{github.port}",
        cwd=tmp_path,
        GITHUB_TOKEN="wrong",
    )
    assert wrong.returncode == 1 and "401" in wrong.stderr
    assert github.ours() == []


# ---------------------------------------------------------------- the workflows


def load(path: Path) -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return workflow


def test_the_comment_workflow_follows_the_check_with_only_the_rights_it_needs() -> None:
    workflow = load(COMMENT_WORKFLOW)
    assert workflow[True] == {"workflow_run": {"workflows": ["Check pull request"], "types": ["completed"]}}
    assert load(CHECK_WORKFLOW)["name"] == "Check pull request"
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    # contents: read only for checking out the default branch's script (a private repository needs it).
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    text = COMMENT_WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert (
        "# zizmor: ignore[dangerous-triggers] reads the run's artifact as data, never runs its code" in text
    )


def test_the_comment_workflow_never_checks_out_or_runs_the_pull_requests_code() -> None:
    (job,) = load(COMMENT_WORKFLOW)["jobs"].values()
    uses = [s["uses"].split("@") for s in job["steps"] if "uses" in s]
    assert [name for name, _ in uses] == ["actions/checkout", "actions/download-artifact"]
    assert all(PINNED.match("@".join(u)) for u in uses)
    checkout, download, script = job["steps"]
    assert checkout["with"] == {"persist-credentials": False}, "the default branch, as the event gives it"
    text = COMMENT_WORKFLOW.read_text(encoding="utf-8")
    assert "ref:" not in text and "head_sha }}" not in json.dumps(checkout)
    assert download["with"] == {
        "name": "coach-check",
        "path": "${{ runner.temp }}/coach-check",
        "run-id": "${{ github.event.workflow_run.id }}",
        "github-token": "${{ github.token }}",
    }
    assert script["run"].startswith(
        'python3 scripts/pr_comment.py "$RUNNER_TEMP/coach-check/coach-check.json"'
    )
    assert "${{" not in script["run"], "event values reach the script through env, never pasted in"
    assert script["env"]["PR_NUMBER"] == "${{ github.event.workflow_run.pull_requests[0].number }}"
    assert script["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert not [s for s in job["steps"] if re.search(r"\b(pip|make|npm|check_coaches)\b", s.get("run", ""))]


def test_the_check_saves_its_result_with_the_pull_request_and_uploads_it_for_a_few_days() -> None:
    job = load(CHECK_WORKFLOW)["jobs"]["coaches"]
    assert job["permissions"] == {"contents": "read"}
    names = [s.get("name", s.get("uses", "")) for s in job["steps"]]
    check = names.index("Check the coach files this pull request changes")
    save = names.index("Save the coach check for the pull request comment")
    upload = names.index("Upload the coach check for the pull request comment")
    assert check < save < upload
    save_step, upload_step = job["steps"][save], job["steps"][upload]
    assert "--json coach-check.json" in job["steps"][check]["run"]
    assert save_step["if"] == upload_step["if"] == "${{ !cancelled() }}"
    assert save_step["env"] == {
        "PR_NUMBER": "${{ github.event.pull_request.number }}",
        "HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
    }
    assert "${{" not in save_step["run"]
    assert PINNED.match(upload_step["uses"]) and upload_step["uses"].startswith("actions/upload-artifact@")
    assert upload_step["with"]["name"] == "coach-check" and upload_step["with"]["path"] == "coach-check.json"
    assert 1 <= upload_step["with"]["retention-days"] <= 3


def save_step(cwd: Path) -> subprocess.CompletedProcess[str]:
    """check.yml's save step, run as GitHub runs a bash step."""
    step = next(
        s for s in load(CHECK_WORKFLOW)["jobs"]["coaches"]["steps"] if s.get("name", "").startswith("Save")
    )
    return subprocess.run(
        [
            "bash",
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            step["run"].replace("python -", "python3 -"),
        ],
        cwd=cwd,
        env={"PR_NUMBER": str(NUMBER), "HEAD_SHA": HEAD, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_save_step_stamps_the_result_and_stands_in_for_a_check_that_stopped(
    github: GitHub, tmp_path: Path
) -> None:
    root = site_folder(tmp_path)
    (root / "docs/coaches/alex-example.yml").write_text(coach(specialties="[fel]"), encoding="utf-8")
    run("check_coaches.py", "--json", "coach-check.json", "docs/coaches/alex-example.yml", cwd=root)
    assert save_step(root).returncode == 0
    stamped = json.loads((root / "coach-check.json").read_text(encoding="utf-8"))
    assert stamped["pull_request"] == {"number": NUMBER, "head_sha": HEAD}
    assert pr_comment(github, root / "coach-check.json").returncode == 0
    assert "Did you mean 'fell'?" in shown(github.ours()[0]["body"])

    (root / "coach-check.json").unlink()
    assert save_step(root).returncode == 0
    stopped = json.loads((root / "coach-check.json").read_text(encoding="utf-8"))
    assert stopped["finished"] is False and stopped["pull_request"]["number"] == NUMBER
    assert pr_comment(github, root / "coach-check.json").returncode == 0
    assert "did not finish" in shown(github.ours()[0]["body"])
