"""The coach directory of one build, read first and checked: its coaches, the pages they make and
where those pages are. Everything else of the directory (photos, finder data, open data, the pages'
HTML) is made from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from coachblog.coaches import join, schema
from coachblog.coaches.directory import load_coaches
from coachblog.coaches.directory_pages import Follow, FollowedPage, ListPage, list_markdown, list_pages
from coachblog.coaches.fields import Coach, CoachSource, Folder
from coachblog.coaches.safe import safe_link
from coachblog.errors import ContentError, Problem, taken_by_hand
from coachblog.places import gazetteer as geo
from coachblog.urls import page_url, relative_url


@dataclass(frozen=True)
class CoachSettings:
    """Where coach files live and how their pages are addressed."""

    coaches_dir: str = "coaches"
    docs_label: str = "docs"
    use_directory_urls: bool = True
    repo_url: str | None = None
    edit_branch: str = "main"  # the branch of repo_url coach files are proposed to (option edit_branch)
    site_url: str | None = None  # where the site is published: the JSON Schema's $id


@dataclass(frozen=True)
class CoachPage:
    """A page the directory adds to the site: its source path, Markdown, and the coach of a profile or
    the list of a no-JavaScript list page (neither for the finder and the join page)."""

    src_uri: str
    markdown: str
    coach: Coach | None = None
    listing: ListPage | None = None


class CoachDirectory:
    """The coaches of one build and the addresses of the pages made from them."""

    def __init__(
        self,
        settings: CoachSettings,
        sources: Iterable[CoachSource],
        all_uris: Iterable[str],
        gazetteer: Callable[[], geo.Gazetteer] = geo.load_gazetteer,
    ) -> None:
        self.settings = settings
        folder = settings.coaches_dir
        self.folder = Folder(folder, f"{settings.docs_label}/{folder}/")
        sources = list(sources)
        result = load_coaches(sources, all_uris, self.folder, gazetteer=gazetteer)
        if result.problems:
            raise ContentError(result.problems)
        self.coaches = result.coaches
        self.gazetteer = gazetteer
        self.finder_src = f"{folder}/index.md"
        self.finder_url = f"{folder}/" if settings.use_directory_urls else f"{folder}/index.html"
        self.join_src = f"{folder}/{join.JOIN_SLUG}.md"
        self.join_url = page_url(folder, join.JOIN_SLUG, settings.use_directory_urls)
        self.repo = join.github_repo(settings.repo_url, settings.edit_branch)
        self.pages = [CoachPage(self.finder_src, _FINDER_MARKDOWN), CoachPage(self.join_src, _JOIN_MARKDOWN)]
        self.pages += [CoachPage(self.profile_src(c), "", c) for c in self.coaches]
        self.lists = list_pages(self.coaches, folder, settings.use_directory_urls)
        self.pages += [CoachPage(f"{p.path}.md", list_markdown(p), listing=p) for p in self.lists]
        self.by_src = {p.src_uri: p for p in self.pages}
        # Coach files feed the pages; they are not published as they are.
        self.unpublished = {
            s.src_uri for s in sources if s.src_uri.startswith(f"{folder}/") and not _is_photo(s.src_uri)
        }
        self.unpublished.add(f"{folder}/README.md")

    def profile_url(self, coach: Coach) -> str:
        return page_url(self.settings.coaches_dir, coach.slug, self.settings.use_directory_urls)

    def profile_src(self, coach: Coach) -> str:
        return f"{self.settings.coaches_dir}/{coach.slug}.md"

    def followed(self) -> list[FollowedPage]:
        """The pages readers can follow for new coaches: the finder, then the first page of each list."""
        folder = self.settings.coaches_dir
        pages = [
            FollowedPage(self.finder_src, self.finder_url, f"{folder}/", Follow("", tuple(self.coaches)))
        ]
        pages += [FollowedPage(f"{p.path}.md", p.url, f"{p.path}/", p.follow) for p in self.lists if p.follow]
        return pages

    def taken_sources(self, src_uris: Iterable[str]) -> list[Problem]:
        """Problems for hand-written pages that stand where a generated coach page must go."""
        return taken_by_hand(src_uris, self.by_src, "from the coach files")

    def entry(self, coach: Coach, base: str) -> dict[str, Any]:
        """A coach as every page of the directory names them, linked from the page at `base`."""
        return {
            "href": relative_url(self.profile_url(coach), base),
            "name": coach.name,
            "place": coach.place,
            "where": ", ".join(filter(None, (coach.place, coach.region or coach.country_name))),
            "specialties": [schema.SPECIALTIES[s] for s in coach.specialties],
            "coaching": [schema.COACHING[m] for m in coach.coaching],
            "online": "online" in coach.coaching,
            "online_only": coach.online_only,
        }

    def repo_link(self, kind: str, path: str) -> str | None:
        """A page of the repository (a file's blob, edit or delete page) when repo_url is known."""
        if self.repo is not None:
            return self.repo.page(kind, path)
        repo = self.settings.repo_url
        if not repo or safe_link(repo) is None:
            return None
        return f"{repo.rstrip('/')}/{kind}/{quote(self.settings.edit_branch, safe='/')}/{path}"

    def file_in_repo(self, src_uri: str) -> str:
        """A file under docs/ as a path in the repository (docs/coaches/alex-example.yml)."""
        return f"{self.settings.docs_label.strip('/')}/{src_uri}"


_FINDER_MARKDOWN = """---
title: Find a coach
description: Running coaches near you or online, by specialty and way of coaching.
hide: [navigation, toc]
---

# Find a coach
"""


_JOIN_MARKDOWN = """---
title: Join the coach directory
description: Add yourself to the directory of running coaches. A short form writes your entry for you.
---

# Join the coach directory

Running coaches can list themselves in this directory for free. Fill in the form: it checks your
answers, shows how runners will see you, and writes your entry, a small text file, ready to send
to us. Everything you write here will be public.
"""


def where_shown(coach: Coach) -> str:
    return ", ".join(filter(None, (coach.place, coach.region or coach.country_name)))


def _is_photo(src_uri: str) -> bool:
    return PurePosixPath(src_uri).suffix.lower() in schema.PHOTO_SUFFIXES
