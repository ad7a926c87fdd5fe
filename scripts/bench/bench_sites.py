"""The benchmark's sites: the project's configuration, and the generated sites of one size
that the variants build (our site, our site without coach files, plugin off, Material's stock blog)."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from bench import benchgen

REPO = Path(__file__).resolve().parents[2]
STOCK_REQUIREMENTS = REPO / "scripts" / "bench-stock-requirements.txt"
TIMINGS_ENV = "COACHBLOG_TIMINGS"  # the same name as coachblog.timings.TIMINGS_ENV
VARIANTS = ("ours", "bare", "plain", "stock")
LABELS = {
    "ours": "(1) our site",
    "bare": "(1b) our site, no coach files",  # the very pages of (2), plus the plugin's own lists
    "plain": "(2) plugin off",
    "stock": "(3) stock blog",
}
PLUGIN = "coachblog"
COUNTERS = ("cards_rendered", "coach_files_read")


# --- The project's configuration -----------------------------------------------------------------


@dataclass
class Project:
    """What the benchmark needs from the project's mkdocs.yml."""

    config_file: Path
    values: dict[str, Any]

    @classmethod
    def load(cls, config_file: Path) -> Project:
        with config_file.open("rb") as handle:  # !ENV and INHERIT resolved as MkDocs does
            return cls(config_file, yaml_load(handle))

    @property
    def plugins(self) -> list[tuple[str, dict[str, Any]]]:
        return plugin_entries(self.values.get("plugins", []))

    @property
    def options(self) -> dict[str, Any]:
        """Our plugin's options, defaults filled in for the folders the generator writes."""
        found = next((opts for name, opts in self.plugins if name == PLUGIN), {})
        return {"tips_dir": "tips", "articles_dir": "articles", "coaches_dir": "coaches", **found}

    @property
    def docs_dir(self) -> Path:
        return (self.config_file.parent / str(self.values.get("docs_dir", "docs"))).resolve()

    def theme(self, custom_dir: bool) -> dict[str, Any]:
        """The theme settings, with custom_dir made absolute (kept) or dropped."""
        theme = self.values.get("theme", "mkdocs")
        theme = {"name": theme} if isinstance(theme, str) else dict(theme)
        if "custom_dir" in theme:
            if custom_dir:
                theme["custom_dir"] = str((self.config_file.parent / theme["custom_dir"]).resolve())
            else:
                del theme["custom_dir"]
        return theme


def plugin_entries(plugins: Any) -> list[tuple[str, dict[str, Any]]]:
    """`plugins:` in any of the shapes MkDocs accepts, as (name, options) pairs."""
    if isinstance(plugins, dict):
        return [(str(k), dict(v or {})) for k, v in plugins.items()]
    entries: list[tuple[str, dict[str, Any]]] = []
    for item in plugins or []:
        if isinstance(item, str):
            entries.append((item, {}))
        else:
            ((name, opts),) = item.items()
            entries.append((str(name), dict(opts or {})))
    return entries


def adapt_nav(
    nav: Any, keep: Callable[[str], bool], articles_dir: str, articles: list[tuple[str, str]]
) -> list[Any]:
    """The project's nav for the generated site: its articles swapped for the generated ones."""
    result: list[Any] = []
    inserted = False
    for item in nav or []:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):
            if inner := adapt_nav(target, keep, articles_dir, articles):
                result.append({title: inner})
            continue
        if not isinstance(target, str) or "://" in target:
            result.append(item)
        elif target.startswith(f"{articles_dir}/"):
            if not inserted:
                result.extend({t: path} for t, path in articles)
                inserted = True
        elif keep(target):
            result.append(item)
    return result


# --- Generated sites ------------------------------------------------------------------------------


@dataclass
class SiteSet:
    """The three sites of one size, sharing the generated content."""

    root: Path
    tips: int
    coaches: int
    configs: dict[str, Path] = field(default_factory=dict)


def prepare(project: Project, root: Path, *, tips: int, coaches: int, seed: int, stock: bool) -> SiteSet:
    """Generate the content of one size and write a config for each variant."""
    shutil.rmtree(root, ignore_errors=True)
    content = benchgen.make_content(tips, coaches, seed)
    opts = project.options
    docs = root / "ours" / "docs"
    benchgen.write_ours(content, docs, opts["tips_dir"], opts["articles_dir"], opts["coaches_dir"])
    copy_hand_written(project, docs, opts, content)
    articles = [(a.title, f"{opts['articles_dir']}/{a.slug}.md") for a in content.articles]
    sites = SiteSet(root, tips, coaches)
    sites.configs["ours"] = write_inheriting(
        root / "ours",
        project,
        {
            "nav": adapt_nav(project.values.get("nav"), lambda _: True, opts["articles_dir"], articles),
        },
    )
    if coaches:  # (1) without its coach files: (1)/(2) on the same Markdown
        bare_docs = root / "bare" / "docs"
        coach_files = shutil.ignore_patterns("*.yml", "*.yaml")
        shutil.copytree(
            docs,
            bare_docs,
            ignore=lambda d, names: coach_files(d, names) if Path(d) == docs / opts["coaches_dir"] else set(),
        )
        sites.configs["bare"] = write_inheriting(
            root / "bare",
            project,
            {
                "docs_dir": str(bare_docs),
                "nav": adapt_nav(project.values.get("nav"), lambda _: True, opts["articles_dir"], articles),
            },
        )
    excluded = str(project.values.get("exclude_docs") or "") + f"\n/{opts['coaches_dir']}/*.yml\n"
    sites.configs["plain"] = write_inheriting(
        root / "plain",
        project,
        {
            "docs_dir": str(docs),
            "exclude_docs": excluded.strip() + "\n",
            "plugins": [{n: o} if o else n for n, o in project.plugins if not n.startswith(PLUGIN)],
            "nav": adapt_nav(
                project.values.get("nav"), lambda t: (docs / t).is_file(), opts["articles_dir"], articles
            ),
        },
    )
    if stock:
        benchgen.write_stock(content, root / "stock" / "docs")
        sites.configs["stock"] = write_stock_config(root / "stock", project, content)
    return sites


def copy_hand_written(project: Project, docs: Path, opts: dict[str, Any], content: benchgen.Content) -> None:
    """The project's own pages and assets (home, about, styles), not its tips, articles or coaches.

    Links from them to tips or articles that the generated site lacks point at generated ones instead.
    """
    firsts = {
        opts["tips_dir"]: f"{opts['tips_dir']}/{content.tips[0].slug}.md",
        opts["articles_dir"]: f"{opts['articles_dir']}/{content.articles[0].slug}.md",
    }
    for path in sorted(project.docs_dir.rglob("*")):
        rel = path.relative_to(project.docs_dir).as_posix()
        top = rel.split("/")[0] if "/" in rel else ""
        if path.is_dir() or top in firsts or (top == opts["coaches_dir"] and path.suffix != ".md"):
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            target.write_text(_relink(text, rel, docs, firsts), encoding="utf-8")
        else:
            shutil.copy2(path, target)


def _relink(text: str, rel: str, docs: Path, firsts: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        link = posixpath.normpath(posixpath.join(posixpath.dirname(rel), match[1]))
        top = link.split("/")[0]
        if top not in firsts or link.endswith("index.md") or (docs / link).is_file():
            return match[0]
        return f"]({posixpath.relpath(firsts[top], posixpath.dirname(rel) or '.')}{match[2] or ''})"

    return re.sub(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)", swap, text)


def write_inheriting(root: Path, project: Project, overrides: dict[str, Any]) -> Path:
    """A config that inherits the project's mkdocs.yml and changes only where things are."""
    values: dict[str, Any] = {
        "INHERIT": str(project.config_file.resolve()),
        "docs_dir": str(root.parent / "ours" / "docs"),
    }
    theme = project.theme(custom_dir=True)
    if "custom_dir" in theme:
        values["theme"] = {"custom_dir": theme["custom_dir"]}
    if hooks := project.values.get("hooks"):
        values["hooks"] = [str((project.config_file.parent / h).resolve()) for h in hooks]
    values |= overrides
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(values, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def write_stock_config(root: Path, project: Project, content: benchgen.Content) -> Path:
    """Material's blog, tags and mkdocs-rss-plugin set up as their documentation suggests."""
    v = project.values
    extensions = [e for e in v.get("markdown_extensions", []) if _dumpable(e)]
    config: dict[str, Any] = {
        "site_name": v.get("site_name", "Run tips"),
        "site_url": v.get("site_url") or "https://example.org/",
        "site_description": v.get("site_description", ""),
        "theme": project.theme(custom_dir=False),
        "markdown_extensions": extensions,
        "plugins": [
            "search",
            {"blog": {"blog_toc": True, "post_date_format": "long"}},
            "tags",
            {
                "rss": {
                    "match_path": "blog/posts/.*",
                    "date_from_meta": {"as_creation": "date", "as_update": "date"},
                    "categories": ["categories", "tags"],
                    "use_git": False,  # dates come from the front matter; the build needs no git
                }
            },
        ],
        "nav": [
            {"Home": "index.md"},
            {"Tips": ["blog/index.md"]},
            {"Articles": [{a.title: f"articles/{a.slug}.md"} for a in content.articles]},
            {"Tags": "tags.md"},
        ],
    }
    if "validation" in v:
        config["validation"] = v["validation"]
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _dumpable(value: Any) -> bool:
    try:
        yaml.safe_dump(value)
    except yaml.YAMLError:
        return False
    return True
