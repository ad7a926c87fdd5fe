"""Site-relative URLs: where posts and generated pages live, and links between them."""

from __future__ import annotations

import posixpath


def page_url(folder: str, slug: str, use_directory_urls: bool) -> str:
    """The URL of page `slug` in `folder`, as MkDocs would write it."""
    return f"{folder}/{slug}/" if use_directory_urls else f"{folder}/{slug}.html"


def page_dest_uri(folder: str, slug: str, use_directory_urls: bool) -> str:
    """The output file of page `slug` in `folder`."""
    return f"{folder}/{slug}/index.html" if use_directory_urls else f"{folder}/{slug}.html"


def relative_url(target: str, base: str) -> str:
    """`target` as a link from the page at `base`, both site-relative URLs like 'tips/x/'."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return "./" if rel in {"./", "/"} else rel
