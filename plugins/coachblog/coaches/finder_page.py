"""The finder's HTML at /coaches/: the first coaches, the filters, the lists by country and the map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coachblog import fold_script
from coachblog.coaches import schema
from coachblog.coaches.directory_files import FINDER_JS, MAP_JS, MAP_NAME, PLACES_NAME
from coachblog.coaches.finder_data import DATA_DIR, FIRST_BATCH, FinderData
from coachblog.coaches.safe import safe_json
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.places import gazetteer as geo
from coachblog.templating import TEMPLATES
from coachblog.urls import relative_url

RADII_MILES = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25


class FinderHtml:
    """The finder, from the directory, its data (photos included), the "Follow" line of a page from
    its source and URL (Markup; '' shows none) and the open data's links from the page's URL."""

    def __init__(
        self,
        directory: CoachDirectory,
        data: FinderData,
        follow: Callable[[str, str], str],
        open_data: Callable[[str], dict[str, str]],
    ) -> None:
        self.directory = directory
        self.data = data
        self.follow = follow
        self.open_data = open_data

    def render(self, url: str) -> str:
        """The finder's HTML at site-relative URL `url`: its first coaches, filters, lists and map."""
        base = url
        count = len(self.directory.coaches)
        photos = self.data.photo_folder(base) is not None
        context = {
            "first": [self.data.listed(c, base, photos) for c in self.directory.coaches[:FIRST_BATCH]],
            "photos": photos,
            "count": count,
            "more": max(0, count - FIRST_BATCH),
            "batch": FIRST_BATCH,
            "nav": self._nav(base),
            "data": safe_json(self.data.inline(base)),
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "radii": RADII_MILES,
            "default_radius": DEFAULT_RADIUS,
            "places_href": relative_url(f"{self.directory.settings.coaches_dir}/{PLACES_NAME}", base),
            "fold_script_href": relative_url(fold_script.SITE_PATH, base),
            "script_href": relative_url(FINDER_JS, base),
            "map_script_href": relative_url(MAP_JS, base),
            "map_href": relative_url(f"{self.directory.settings.coaches_dir}/{DATA_DIR}/{MAP_NAME}", base),
            "map": self.data.map,
            "join_href": relative_url(self.directory.join_url, base),
            "guide_href": self.directory.repo_link("blob", "CONTRIBUTING.md"),
            "open_data": self.open_data(base),
            "follow": self.follow(self.directory.finder_src, base),
            "geonames": {
                "name": geo.ATTRIBUTION,
                "url": geo.ATTRIBUTION_URL,
                "licence": geo.LICENCE,
                "licence_url": geo.LICENCE_URL,
            },
        }
        return TEMPLATES.get_template("coach_finder.html").render(**context)

    def _nav(self, base: str) -> list[dict[str, Any]]:
        """The list pages as the finder links them: countries, each with its region pages if it has any."""
        return [
            {
                "title": p.heading,
                "href": relative_url(p.url, base),
                "count": p.count,
                "parts": [{"title": n, "href": relative_url(u, base), "count": c} for n, u, c in p.parts],
            }
            for p in self.directory.lists
            if p.parent is None
        ]
