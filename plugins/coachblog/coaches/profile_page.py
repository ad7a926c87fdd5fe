"""A coach's profile: their facts, photo, links, map, tips and the links to change their entry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from coachblog.coaches.fields import Coach
from coachblog.coaches.finder_data import ShownPhoto
from coachblog.coaches.map import profile_map
from coachblog.coaches.safe import contact_links, mailto, safe_link
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.templating import TEMPLATES
from coachblog.urls import relative_url


class ProfileHtml:
    """The profiles, from the directory, the coaches' photos by slug (a coach with none is not in it),
    their "Tips by <name>" from the slug and the page's URL, and the "Follow" line of a page from its
    source and URL (both Markup; '' shows none)."""

    def __init__(
        self,
        directory: CoachDirectory,
        photos: Mapping[str, ShownPhoto],
        tips: Callable[[str, str], str],
        follow: Callable[[str, str], str],
    ) -> None:
        self.directory = directory
        self.photos = photos
        self.tips = tips
        self.follow = follow

    def render(self, coach: Coach, url: str) -> str:
        """A coach's profile at site-relative URL `url`."""
        photo = None
        if coach.photo:
            shown = self.photos.get(coach.slug)
            photo = {"picture": shown.profile(url) if shown else None, "link": safe_link(coach.photo)}
        finder = relative_url(self.directory.finder_url, url)
        repo = self.directory.repo
        context = {
            **self.directory.entry(coach, url),
            "country_name": coach.country_name,
            "region": coach.region,
            "qualifications": coach.qualifications,
            "bio": [p.strip() for p in coach.bio.split("\n\n") if p.strip()],
            **contact_links(coach),
            "email": coach.email,
            "mailto": mailto(coach.email),
            "photo": photo,
            "joined": f"{coach.joined:%B %Y}",
            "joined_iso": coach.joined.isoformat(),
            "confirmed": f"{coach.confirmed.day} {coach.confirmed:%B %Y}" if coach.confirmed else None,
            "confirmed_iso": coach.confirmed.isoformat() if coach.confirmed else None,
            "finder_href": finder,
            "near_href": f"{finder}?{urlencode({'near': coach.found_as})}" if coach.found_as else None,
            "change_href": f"{relative_url(self.directory.join_url, url)}?{urlencode({'from': coach.slug})}",
            "edit_href": repo.page("edit", self.directory.file_in_repo(coach.src_uri)) if repo else None,
            "delete_href": repo.page("delete", self.directory.file_in_repo(coach.src_uri)) if repo else None,
            "locator_map": profile_map(coach),
            "coach_tips": self.tips(coach.slug, url),
            "follow": self.follow(self.directory.profile_src(coach), url),
        }
        return TEMPLATES.get_template("coach_profile.html").render(**context)
