"""The coach directory's pages as the build asks for them: each page's meta, its HTML from the
renderer of its kind (finder, list pages, join page, profiles), and the coaches' search entries."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from coachblog.coaches import schema
from coachblog.coaches.finder_page import FinderHtml
from coachblog.coaches.join_page import JoinHtml
from coachblog.coaches.list_page import ListHtml
from coachblog.coaches.profile_page import ProfileHtml
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.page_styles import Kind
from coachblog.search_index import SearchEntry
from coachblog.templating import TEMPLATES


@dataclass(frozen=True)
class CoachPages:
    """The directory's pages of one build, each kind rendered by its own renderer, made with
    everything it shows."""

    directory: CoachDirectory
    finder: FinderHtml
    lists: ListHtml
    join: JoinHtml
    profiles: ProfileHtml

    def page_meta(self, src_uri: str) -> dict[str, object]:
        """Title and description for the theme, HTML-escaped: Material prints them unescaped.

        Profiles stay out of the theme's search indexing: `search_entries` indexes each coach instead.
        """
        page = self.directory.by_src.get(src_uri)
        if page is not None and page.listing is not None:
            listing = page.listing
            what = f"{listing.count} running {'coach' if listing.count == 1 else 'coaches'}"
            return {
                "title": escape(listing.title),
                "description": escape(f"{what}: {listing.title.removeprefix('Running coaches ')}."),
                "search": {"exclude": True},
            }
        if page is None or page.coach is None:
            return {}
        coach = page.coach
        what = ", ".join(schema.SPECIALTIES[s].lower() for s in coach.specialties)
        where = "online" if coach.online_only else f"in {coach.place}"
        description = f"{coach.name}, running coach {where}: {what}."
        return {
            "title": escape(coach.name),
            "description": escape(description),
            "search": {"exclude": True},
            "hide": ["navigation", "toc"],  # the directory's pages have no docs sidebars
        }

    def search_entries(self) -> list[SearchEntry]:
        """One search entry per coach: name, place, specialties, qualifications and bio."""
        template = TEMPLATES.get_template("coach_search.html")
        return [
            {
                "location": self.directory.profile_url(coach),
                "title": escape(coach.name, quote=False),
                "text": template.render(
                    **self.directory.entry(coach, ""),
                    qualifications=coach.qualifications,
                    bio=[p.strip() for p in coach.bio.split("\n\n") if p.strip()],
                ),
            }
            for coach in self.directory.coaches
        ]

    def kind(self, src_uri: str) -> Kind | None:
        """Which of the directory's pages `src_uri` is (page_styles.Kind), or None: not one of them."""
        page = self.directory.by_src.get(src_uri)
        if page is None:
            return None
        if page.coach is not None:
            return "profile"
        if page.listing is not None:
            return "coach-list"
        return "join" if src_uri == self.directory.join_src else "finder"

    def decorate(self, src_uri: str, url: str, html: str) -> str:
        """The page's HTML with the finder or the coach's profile added."""
        page = self.directory.by_src.get(src_uri)
        if page is None:
            return html
        if src_uri == self.directory.join_src:
            return html + self.join.render(url)
        if page.listing is not None:
            return self.lists.render(page.listing, url) + html
        if page.coach is None:
            return html + self.finder.render(url)
        return self.profiles.render(page.coach, url) + html
