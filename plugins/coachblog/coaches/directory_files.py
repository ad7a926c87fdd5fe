"""The directory's files beside its pages: the finder's and join page's scripts and styles, the place
names, the finder's data and map, the coach file's JSON Schema and each coach's entry for the join page."""

from __future__ import annotations

from importlib.resources import files as package_files

from coachblog import fold_script, json_text
from coachblog.coaches import join
from coachblog.coaches.finder_data import DATA_DIR, FinderData, chunk_file, compact, milli
from coachblog.coaches.json_schema import schema_json
from coachblog.coaches.site_directory import CoachDirectory
from coachblog.page_styles import FINDER_CSS
from coachblog.places import gazetteer as geo
from coachblog.urls import absolute_url

FINDER_JS = "assets/coachblog/coach-finder.js"
# The directory's stylesheet (finder, lists, profiles): the package's coach-finder.css and coach-map.css
# as one file, one request fewer before a directory page can show.
FINDER_CSS_PARTS = ("assets/coach-finder.css", "assets/coach-map.css")
MAP_JS = "assets/coachblog/coach-map.js"
MAP_NAME = "map.svg"  # <coaches_dir>/finder/map.svg: the finder's map, fetched when scrolled to
SCHEMA_NAME = "schema.json"  # the coach file as a JSON Schema, for editors
PLACES_NAME = "places.json"


def assets(directory: CoachDirectory, data: FinderData) -> dict[str, bytes]:
    """Files to add to the site: the finder's and join page's scripts and styles, the place names for
    suggestions (all in one file for the join page, in small files by first letters for the finder),
    the finder's coach data, and one small file per coach with their entry's values, for the join
    page."""
    package = package_files("coachblog")
    rows = data.place_rows()
    places = {"source": f"{geo.ATTRIBUTION}, {geo.LICENCE}", "places": rows}
    folder = directory.settings.coaches_dir
    data_dir = f"{folder}/{DATA_DIR}"
    files = {
        fold_script.SITE_PATH: package.joinpath(fold_script.PACKAGE_PATH).read_bytes(),
        FINDER_JS: package.joinpath("assets/coach-finder.js").read_bytes(),
        FINDER_CSS: b"\n".join(package.joinpath(part).read_bytes() for part in FINDER_CSS_PARTS),
        join.JOIN_JS: package.joinpath("assets/coach-join.js").read_bytes(),
        join.JOIN_CSS: package.joinpath("assets/coach-join.css").read_bytes(),
        MAP_JS: package.joinpath("assets/coach-map.js").read_bytes(),
        f"{folder}/{PLACES_NAME}": json_text.dumps(places, ascii_only=True).encode(),
        f"{folder}/{SCHEMA_NAME}": _json_schema(directory, folder).encode(),
        **dict([data.coach_data()]),
    }
    if data.map is not None:
        files[f"{data_dir}/{MAP_NAME}"] = str(data.map.svg).encode()
    for name, chunk in data.place_chunks().items():
        files[f"{data_dir}/places-{chunk_file(name)}.json"] = compact(
            {
                "label": [row[0] for row in chunk],
                "lat": [milli(row[1]) for row in chunk],
                "lon": [milli(row[2]) for row in chunk],
            }
        )
    for coach in directory.coaches:
        entry = json_text.dumps(join.entry_json(coach))
        files[f"{folder}/{coach.slug}{join.ENTRY_SUFFIX}"] = entry.encode()
    return files


def _json_schema(directory: CoachDirectory, folder: str) -> str:
    """The coach file's JSON Schema, its $id where the site publishes it (when site_url is known)."""
    site = directory.settings.site_url
    return schema_json(absolute_url(site, f"{folder}/{SCHEMA_NAME}")) if site else schema_json()
