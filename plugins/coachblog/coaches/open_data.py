"""The coach directory as open data: the coaches the finder shows, as JSON, CSV and GeoJSON, under the
site's data licence (option coaches_licence), and the page that documents them at /coaches/data/.

Made from the same coaches, links and positions as the pages (coaches/site_directory.py), so the files say no
more and no less than the profiles: no email address (kept away from address harvesters; a runner
finds it on the profile), no photo (its rights are the photographer's, not the site's to license), no
`github:` name. Two builds of the same files at the same SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coachblog import json_text
from coachblog.coaches import schema
from coachblog.coaches.fields import Coach
from coachblog.coaches.finder_data import finder_degrees
from coachblog.coaches.safe import contact_links, safe_link
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.places import gazetteer as geo
from coachblog.templating import render
from coachblog.urls import absolute_url, page_url, relative_url


@dataclass(frozen=True)
class Licence:
    """An open data licence the directory can be published under, by its SPDX id."""

    spdx: str
    name: str  # as a credit line writes it: "CC BY 4.0"
    title: str  # "Creative Commons Attribution 4.0 International"
    url: str


LICENCES: dict[str, Licence] = {
    licence.spdx: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "CC BY 4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "CC-BY-SA-4.0",
            "CC BY-SA 4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "CC0-1.0",
            "CC0 1.0",
            "Creative Commons Zero 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence(
            "ODbL-1.0",
            "ODbL 1.0",
            "Open Data Commons Open Database License 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
        Licence(
            "ODC-By-1.0",
            "ODC-By 1.0",
            "Open Data Commons Attribution License 1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
        ),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"

PAGE_SLUG = "data"  # /coaches/data/: one of schema.RESERVED_SLUGS, so no coach file takes its address
JSON_NAME = "directory.json"
CSV_NAME = "directory.csv"
GEOJSON_NAME = "directory.geojson"
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """A column of the CSV file (and a field of the JSON's records), as the data page documents it."""

    name: str
    meaning: str
    form: str


_OR_EMPTY = ", or empty"
COLUMNS: tuple[Column, ...] = (
    Column(
        "slug",
        "The entry's short name, from its file name: it stays when the coach edits the entry",
        "lowercase letters, digits and hyphens",
    ),
    Column("name", "The coach's name, as runners know them", "text"),
    Column("profile_url", "The coach's profile, where runners get in touch", "web address"),
    Column("place", "The town or village they coach from, as their profile writes it", "text"),
    Column(
        "region",
        "The part of the country the place is in, where the site knows one (the UK's nations)",
        "text" + _OR_EMPTY,
    ),
    Column("country", "The place's country", "two-letter code, ISO 3166-1 alpha-2 (`GB`)"),
    Column("country_name", "The country's name", "text"),
    Column(
        "latitude",
        "The place's latitude, as the finder and the map use it",
        "decimal degrees (WGS 84), north positive, 3 decimals (about 100 m)",
    ),
    Column(
        "longitude",
        "The place's longitude, as the finder and the map use it",
        "decimal degrees (WGS 84), east positive, 3 decimals (about 100 m)",
    ),
    Column("specialties", "What they coach", "keys from the list below, joined by '; '"),
    Column("coaching", "How they coach", "keys from the list below, joined by '; '"),
    Column("online", "Whether they coach online (only online, or as well as in person)", "`true` or `false`"),
    Column(
        "qualifications",
        "Their coaching qualifications, as they wrote them",
        "texts joined by '; '" + _OR_EMPTY,
    ),
    Column(
        "bio",
        "A few sentences about them and their coaching, as they wrote them",
        "text; paragraphs apart by a blank line",
    ),
    Column(
        "website",
        "Their website, as their profile links it (empty when it is one of their social profiles)",
        "web address" + _OR_EMPTY,
    ),
    Column(
        "contact_url",
        "Their contact page, as their profile links it (empty when it is their website or a social profile)",
        "web address" + _OR_EMPTY,
    ),
    *(
        Column(f"social_{key}", f"Their profile on {label}", "web address" + _OR_EMPTY)
        for key, label in schema.SOCIAL.items()
    ),
    Column("joined", "When they joined the directory", "date, YYYY-MM-DD"),
    Column(
        "confirmed", "When they last said these details are right", "date, YYYY-MM-DD, or empty when never"
    ),
)
NUMBER_COLUMNS = ("latitude", "longitude")  # written as numbers: a negative one keeps its '-'


def inert(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def record(coach: Coach, profile_url: str) -> dict[str, Any]:
    """One coach as the JSON holds them: what their profile shows, but the email address and photo."""
    links = contact_links(coach)  # each address once, as the profile shows them
    return {
        "slug": coach.slug,
        "name": coach.name,
        "profile_url": profile_url,
        "place": coach.place,
        "region": coach.region or None,
        "country": coach.country,
        "country_name": coach.country_name,
        "latitude": finder_degrees(coach.latitude),
        "longitude": finder_degrees(coach.longitude),
        "specialties": list(coach.specialties),
        "coaching": list(coach.coaching),
        "online": "online" in coach.coaching,
        "qualifications": list(coach.qualifications),
        "bio": coach.bio,
        "website": links["website"],
        "contact_url": links["contact_url"],
        "social": {key: link for key, value in coach.social if (link := safe_link(value))},
        "joined": coach.joined.isoformat(),
        "confirmed": coach.confirmed.isoformat() if coach.confirmed else None,
    }


def csv_row(entry: Mapping[str, Any]) -> list[str]:
    """A JSON record as the CSV's cells, in COLUMNS' order."""
    social = entry["social"]
    cells = []
    for column in COLUMNS:
        key = column.name
        value = social.get(key.removeprefix("social_")) if key.startswith("social_") else entry[key]
        if key in NUMBER_COLUMNS:
            cells.append("" if value is None else repr(value))
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        elif isinstance(value, list):  # each item made inert too: a reader may split the cell on '; '
            cells.append(inert(LIST_SEPARATOR.join(inert(str(item)) for item in value)))
        else:
            cells.append(inert("" if value is None else str(value)))
    return cells


class OpenData:
    """One build's open data files and their page, from the build's coach directory."""

    def __init__(self, coaches: CoachDirectory, licence: str, generated: dt.date, site_name: str) -> None:
        self.coaches = coaches
        self.licence = LICENCES[licence]
        self.generated = generated.isoformat()
        settings = coaches.settings
        self.folder = settings.coaches_dir
        self.page_src = f"{self.folder}/{PAGE_SLUG}.md"
        self.page_url = page_url(self.folder, PAGE_SLUG, settings.use_directory_urls)
        self.site_name = site_name
        self.records = [record(c, self._absolute(coaches.profile_url(c))) for c in coaches.coaches]

    def _absolute(self, site_path: str) -> str:
        """A site path as a full URL under site_url; from the site's root ('/coaches/') without one."""
        return absolute_url(self.coaches.settings.site_url or "/", site_path)

    @property
    def attribution(self) -> str:
        """The credit line the licence asks for: the coaches, the site, and GeoNames for the places."""
        finder = self._absolute(self.coaches.finder_url)
        return (
            f"Running coach directory of {self.site_name} ({finder}), written by the coaches listed. "
            f"Place names and positions: {geo.ATTRIBUTION} ({geo.ATTRIBUTION_URL}), licensed under "
            f"{geo.LICENCE} ({geo.LICENCE_URL})."
        )

    def _about(self) -> dict[str, str]:
        """The members every file starts with: licence, credit, date, where they are documented."""
        return {
            "license": self.licence.spdx,
            "license_url": self.licence.url,
            "attribution": self.attribution,
            "generated": self.generated,
            "documentation": self._absolute(self.page_url),
        }

    def json_bytes(self) -> bytes:
        """The directory as JSON: what the files are, the labels of the keys they use, then the coaches."""
        head = {
            **self._about(),
            "count": len(self.records),
            "labels": {
                "specialties": schema.SPECIALTIES,
                "coaching": schema.COACHING,
                "social": schema.SOCIAL,
            },
        }
        return _one_per_line(head, "coaches", self.records)

    def geojson_bytes(self) -> bytes:
        """An RFC 7946 FeatureCollection: each coach a Point at [longitude, latitude] (null without one),
        their record but the position as its properties; the licence members beside `features`."""
        features = []
        for entry in self.records:
            lat, lon = entry["latitude"], entry["longitude"]
            point = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
            properties = {k: v for k, v in entry.items() if k not in NUMBER_COLUMNS}
            features.append(
                {"type": "Feature", "id": entry["slug"], "geometry": point, "properties": properties}
            )
        return _one_per_line({"type": "FeatureCollection", **self._about()}, "features", features)

    def csv_bytes(self) -> bytes:
        """The directory as CSV: UTF-8 without a byte order mark, RFC 4180 quoting and CRLF line ends,
        a header row of COLUMNS' names, and no cell a spreadsheet would run as a formula."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(column.name for column in COLUMNS)
        writer.writerows(csv_row(entry) for entry in self.records)
        return out.getvalue().encode()

    def files(self) -> dict[str, bytes]:
        """Every file to add to the site, by site path: the three data files and the page's Markdown."""
        data = {
            f"{self.folder}/{JSON_NAME}": self.json_bytes(),
            f"{self.folder}/{CSV_NAME}": self.csv_bytes(),
            f"{self.folder}/{GEOJSON_NAME}": self.geojson_bytes(),
        }
        return {
            **data,
            self.page_src: self.page_markdown(
                {uri.rpartition("/")[2]: len(b) for uri, b in data.items()}
            ).encode(),
        }

    def page_markdown(self, sizes: Mapping[str, int]) -> str:
        """The data page: the files with their sizes, the licence and credit, what each column holds."""
        base = self.page_src  # Markdown links go from the page's source file, as MkDocs checks them
        return render(
            "coach_data.md",
            count=len(self.records),
            files=[
                (label, relative_url(f"{self.folder}/{name}", base), name, _size(sizes[name]), what)
                for label, name, what in (
                    (
                        "JSON",
                        JSON_NAME,
                        "one object: the licence, the credit, the labels of the keys, then `coaches`",
                    ),
                    ("CSV", CSV_NAME, "a table for spreadsheets: a header row, then a row per coach"),
                    ("GeoJSON", GEOJSON_NAME, "a map layer: each coach a point, for QGIS, uMap or Leaflet"),
                )
            ],
            licence=self.licence,
            attribution=self.attribution,
            generated=self.generated,
            columns=COLUMNS,
            specialties=schema.SPECIALTIES,
            coaching=schema.COACHING,
            formula_starts=["`=`", "`+`", "`-`", "`@`", "a tab", "a carriage return"],
            finder_href=relative_url(self.coaches.finder_src, base),
            geonames={
                "name": geo.ATTRIBUTION,
                "url": geo.ATTRIBUTION_URL,
                "licence": geo.LICENCE,
                "licence_url": geo.LICENCE_URL,
            },
        )

    def links(self, base: str) -> dict[str, str]:
        """The data page and files as the page at `base` links them, with the licence's name and link."""
        return {
            "page": relative_url(self.page_url, base),
            **{
                kind: relative_url(f"{self.folder}/{name}", base)
                for kind, name in (("json", JSON_NAME), ("csv", CSV_NAME), ("geojson", GEOJSON_NAME))
            },
            "licence": self.licence.name,
            "licence_url": self.licence.url,
        }


def _one_per_line(head: Mapping[str, Any], key: str, items: Iterable[object]) -> bytes:
    """`head` with `key` holding `items`, as compact JSON with each item on a line of its own: small,
    and a change to one coach is a one-line change."""

    dumps = json_text.dumps
    lines = ",\n".join(dumps(item) for item in items)
    return f"{dumps(head)[:-1]},{dumps(key)}:[\n{lines}\n]}}\n".encode()


def _size(length: int) -> str:
    """A file's size as people read it: '840 bytes', '12 KB', '3.4 MB' (1 KB = 1,000 bytes)."""
    if length < 1000:
        return f"{length} bytes"
    if length < 1_000_000:
        return f"{length / 1000:.0f} KB"
    return f"{length / 1_000_000:.1f} MB"
