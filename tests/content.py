"""What tests write into the sites they build: coach files, tips, articles and a hostile coach file,
and running the coach scripts on them."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coachblog.coaches.directory import LoadResult, load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.places.gazetteer import load_gazetteer
from tests.helpers import REPO, Site, minimal_site

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
GOOD = """\
name: Alex Example
place: Dorking
country: GB
specialties: [trail, fell]
coaching: [in-person, groups]
website: https://example.org/alex
email: alex@example.org
bio: I coach trail runners in the Surrey Hills.
joined: 2025-11-01
"""


def coach(**changes: str) -> str:
    """GOOD with fields replaced in place ('' deletes one); new fields go at the end."""
    lines = GOOD.splitlines()
    for key, value in changes.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if index is None:
            lines.append(f"{key}: {value}")
        elif value == "":
            del lines[index]
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


def site_folder(root: Path) -> Path:
    """`root` made a site folder with mkdocs.yml and two good coach files."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    coaches = root / "docs" / "coaches"
    coaches.mkdir(parents=True)
    for name in ("dana-downs.yml", "cai-online.yml"):
        shutil.copy(FIXTURES / name, coaches / name)
    return root


def run(script: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/<script> as a person would, outside GitHub Actions unless `env` says otherwise."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), *args],
        cwd=cwd,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


TODAY = dt.date(2026, 1, 15)


def one(text: str) -> dict[str, str]:
    """One coach file, as {path under docs/: text}."""
    return {"coaches/alex-example.yml": text}


def load(files: dict[str, str], photos: tuple[str, ...] = (), focus: set[str] | None = None) -> LoadResult:
    """Load coach files given as {path under docs/: text}, as the plugin does."""
    sources = [CoachSource(uri, text, f"docs/{uri}") for uri, text in files.items()]
    uris = list(files) + list(photos)
    return load_coaches(
        sources, uris, Folder("coaches", "docs/coaches/"), gazetteer=load_gazetteer, today=TODAY, focus=focus
    )


GOOD_TIP = """---
title: Reverse your route
summary: Run your loop the other way round.
date: 2025-11-20
tags: [routes]
{extra}---

Body.
"""
ARTICLE = """---
title: Lost your run mojo?
summary: Ideas for getting going again.
date: 2025-11-17
---

Intro.

<!-- tip-list -->
"""


def tip(extra: str = "", **replace: str) -> str:
    text = GOOD_TIP.format(extra=extra)
    for key, value in replace.items():
        lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
        if value:
            lines.insert(1, f"{key}: {value}")
        text = "\n".join(lines) + "\n"
    return text


def post(
    slug: str,
    date: str = "2025-11-20",
    *,
    title: str | None = None,
    tags: str = "[routes]",
    body: str = "Body text.",
    extra: str = "",
) -> tuple[str, str]:
    """A tip's path and source; `title` defaults to one made from the slug."""
    title = title if title is not None else slug.replace("-", " ").capitalize()
    text = (
        f"---\ntitle: {title}\nsummary: Summary of {slug}.\ndate: {date}\ntags: {tags}\n{extra}"
        f"---\n\n{body}\n"
    )
    return f"tips/{slug}.md", text


def write_posts(site: Site, *posts: tuple[str, str]) -> Site:
    for path, text in posts:
        site.write(path, text)
    return site


# ---------------------------------------------------------------- places however they are typed

# A place in each of 16 countries whose name carries letters outside ASCII, its country, the name as it
# is typed on a keyboard without them (text.py's fold), and a coach there with a name from that country.
ABROAD = [
    ("Łódź", "PL", "Lodz", "Agnieszka Wróbel"),
    ("Tromsø", "NO", "Tromso", "Sølvi Hågensen"),
    ("Ærøskøbing", "DK", "Aeroskobing", "Søren Bæk"),
    ("Malmö", "SE", "Malmo", "Åsa Öberg"),
    ("Gießen", "DE", "Giessen", "Jörg Weiß"),
    ("Wörgl", "AT", "Worgl", "Lena Höller"),
    ("Þorlákshöfn", "IS", "Thorlakshofn", "Þóra Guðmundsdóttir"),
    ("Đurđevac", "HR", "Durdevac", "Ivana Đurić"),
    ("Čačak", "RS", "Cacak", "Miloš Čolić"),
    ("Diyarbakır", "TR", "Diyarbakir", "Ayşe Yıldız"),
    ("Ħamrun", "MT", "Hamrun", "Marija Ħili"),
    ("A Coruña", "ES", "A Coruna", "Begoña Núñez"),
    ("Guimarães", "PT", "Guimaraes", "João Simões"),
    ("Győr", "HU", "Gyor", "Zsófia Kővári"),
    ("Jyväskylä", "FI", "Jyvaskyla", "Väinö Mäkelä"),
    ("Šiauliai", "LT", "Siauliai", "Rūta Žukauskienė"),
]
# Pages that name places abroad, for the site search: (path, source).
ABROAD_PAGES = [
    (
        "tips/race-weekend-in-krakow.md",
        tip(title="Race weekend in Kraków", summary="Kraków & Wrocław <b>before</b> the marathon."),
    ),
    ("travel.md", "# Running abroad\n\nThe fjord path out of Tromsø, then the ferry to Ærøskøbing.\n"),
]


def abroad_coach(number: int) -> tuple[str, str]:
    """The path and file of the coach in ABROAD[number]."""
    place, country, _, name = ABROAD[number]
    return (
        f"coaches/coach-{number}.yml",
        f"name: {name}\nplace: {place}\ncountry: {country}\nspecialties: [road]\n"
        f"coaching: [in-person]\nemail: c{number}@example.org\nbio: Made up.\njoined: 2025-10-01\n",
    )


def abroad_site(dest: Path) -> Site:
    """A site with site search, a coach in each place of ABROAD and the pages of ABROAD_PAGES."""
    theme = {
        "name": "material",
        "font": False,
        "custom_dir": str(REPO / "overrides"),
        "features": ["search.suggest", "search.highlight"],
    }
    site = minimal_site(dest, extra_config={"theme": theme, "plugins": ["search", {"coachblog": {}}]})
    for path, text in ABROAD_PAGES + [abroad_coach(n) for n in range(len(ABROAD))]:
        site.write(path, text)
    return site


# A coach who tries every trick in every field.
NAME = "<script>alert('name')</script><img src=x onerror=alert(1)>"
PLACE = '"><svg onload=alert(2)>'
BIO = '</script><script>alert(3)</script> <iframe src="javascript:alert(4)"></iframe> " onmouseover="alert(5)'
QUALIFICATIONS = ['<a href="javascript:alert(6)">Click</a>', "{{ 7*7 }} [x](javascript:alert(12)) *bold*"]
WEBSITE = 'https://example.org/"><script>alert(8)</script>'
CONTACT = "https://example.org/x?a=1&b='onmouseover=alert(9)"
MASTODON = "https://example.org/'onfocus='alert(10)'"
PHOTO = 'https://example.org/p.jpg"onerror="alert(11)'
EVIL = (
    "\n".join(
        [
            f"name: {json.dumps(NAME)}",
            f"place: {json.dumps(PLACE)}",
            "latitude: 51.2323",
            "longitude: -0.3326",
            "country: GB",
            "specialties: [trail]",
            "coaching: [in-person, online]",
            f"qualifications: {json.dumps(QUALIFICATIONS)}",
            f"website: {json.dumps(WEBSITE)}",
            f"contact_url: {json.dumps(CONTACT)}",
            "email: evil@example.org",
            f"bio: {json.dumps(BIO)}",
            f"photo: {json.dumps(PHOTO)}",
            f"social: {{mastodon: {json.dumps(MASTODON)}}}",
            "joined: 2025-11-01",
        ]
    )
    + "\n"
)
