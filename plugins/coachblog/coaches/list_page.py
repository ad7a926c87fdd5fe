"""A no-JavaScript list page's HTML: its coaches by region and place, or links to its region pages."""

from __future__ import annotations

from collections.abc import Callable

from coachblog.coaches.directory_pages import ListPage
from coachblog.coaches.finder_data import FinderData
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.templating import TEMPLATES
from coachblog.text import slugify
from coachblog.urls import relative_url


class ListHtml:
    """The list pages, from the directory, the finder's data (the coaches' thumbnails) and the "Follow"
    line of a page from its source and URL (Markup; '' shows none)."""

    def __init__(
        self, directory: CoachDirectory, data: FinderData, follow: Callable[[str, str], str]
    ) -> None:
        self.directory = directory
        self.data = data
        self.follow = follow

    def render(self, listing: ListPage, url: str) -> str:
        """A no-JavaScript list page: its coaches by region and place, or links to its region pages."""
        photos = any(self.data.thumb(c.slug) for _, coaches in listing.groups for c in coaches)
        context = {
            "title": listing.title,
            "count": listing.count,
            "photos": photos,
            "groups": [
                {
                    "title": title,
                    "id": _anchor(title),
                    "coaches": [self.data.listed(c, url, photos) for c in coaches],
                }
                for region, coaches in listing.groups
                for title in [region or ("Other places" if len(listing.groups) > 1 or listing.parts else "")]
            ],
            "parts": [{"title": n, "href": relative_url(u, url), "count": c} for n, u, c in listing.parts],
            "parent": {"title": listing.parent[0], "href": relative_url(listing.parent[1], url)}
            if listing.parent
            else None,
            "finder_href": relative_url(self.directory.finder_url, url),
            "follow": self.follow(f"{listing.path}.md", url),
        }
        return TEMPLATES.get_template("coach_list.html").render(**context)


def _anchor(*parts: str) -> str:
    return "-".join(slugify(p) for p in parts if p) or "coaches"
