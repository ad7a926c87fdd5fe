"""The join page's HTML: the form made from the schema, with its rules, and the guide shown instead
without JavaScript."""

from __future__ import annotations

from collections import Counter

from coachblog import fold_script
from coachblog.coaches import join, schema
from coachblog.coaches.directory_files import PLACES_NAME
from coachblog.coaches.reading import MAX_BYTES
from coachblog.coaches.safe import safe_json
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.places import gazetteer as geo
from coachblog.templating import TEMPLATES
from coachblog.urls import page_url, relative_url


class JoinHtml:
    """The join page, from the directory: its coaches' countries, the repository to send entries to."""

    def __init__(self, directory: CoachDirectory) -> None:
        self.directory = directory

    def render(self, url: str) -> str:
        """The join page's form, made from the schema, and the guide shown instead without JavaScript."""
        folder = self.directory.settings.coaches_dir
        marker = "coach-slug"  # a profile's address around any slug
        profile_prefix, _, profile_suffix = relative_url(
            page_url(folder, marker, self.directory.settings.use_directory_urls), url
        ).rpartition(marker)
        links = join.JoinLinks(
            folder_shown=self.directory.folder.shown,
            entry_prefix=relative_url(f"{folder}/", url),
            profile_prefix=profile_prefix,
            profile_suffix=profile_suffix,
            places=relative_url(f"{folder}/{PLACES_NAME}", url),
            repo=self.directory.repo,
            repo_folder=self.directory.file_in_repo(folder),
            guide=self.directory.repo_link("blob", "CONTRIBUTING.md"),
        )
        countries = geo.country_names()
        common = Counter(c.country for c in self.directory.coaches).most_common(1)
        context = {
            "groups": join.form_groups(),
            "countries": sorted(countries.items(), key=lambda item: item[1]),
            "default_country": common[0][0] if common else schema.FIELDS_BY_KEY["country"].example,
            "rules": safe_json(join.rules(links, self._place_ranges(), MAX_BYTES)),
            "guide_href": links.guide,
            "github": self.directory.repo is not None,
            "github_new": self.directory.repo.page("new", links.repo_folder) if self.directory.repo else None,
            "folder": self.directory.folder.shown,
            "template_yaml": schema.template_yaml(),
            "finder_href": relative_url(self.directory.finder_url, url),
            "fold_script_href": relative_url(fold_script.SITE_PATH, url),
            "script_href": relative_url(join.JOIN_JS, url),
            "style_href": relative_url(join.JOIN_CSS, url),
            "places_source": f"{geo.ATTRIBUTION}, {geo.LICENCE}",
        }
        return TEMPLATES.get_template("coach_join.html").render(**context)

    def _place_ranges(self) -> dict[str, tuple[int, int]]:
        """Where each country's places are in places.json, so the join page suggests only the chosen one's."""
        countries = sorted({c.country for c in self.directory.coaches})
        if not countries:
            return {}
        gazetteer = self.directory.gazetteer()
        return join.place_ranges((country, len(gazetteer.places_in(country))) for country in countries)
