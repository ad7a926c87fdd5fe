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
    return _relative(target, _folders(base))


class LinksFrom:
    """Links from the page at site-relative URL `base`: its folders are worked out once, each link once.

    A tag page or the tip index links thousands of cards; each link is relative_url(target, base).
    """

    def __init__(self, base: str) -> None:
        self._folders = _folders(base)
        self._links: dict[str, str] = {}

    def to(self, target: str) -> str:
        """The link to site-relative URL `target`."""
        link = self._links.get(target)
        if link is None:
            link = self._links[target] = _relative(target, self._folders)
        return link


def _parts(path: str) -> list[str]:
    """The names in a site path, '.' and '..' resolved as posixpath.normpath does."""
    return [part for part in posixpath.normpath("/" + path).split("/") if part]


def page_folder(url: str) -> str:
    """Where relative links start on the page at `url`: 'tips/x/' itself, 'tips/' for 'tips/x.html'."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def _folders(base: str) -> list[str]:
    """The names of the folders of the page at `base`."""
    return _parts(page_folder(base))


def _relative(target: str, folders: list[str]) -> str:
    # posixpath.relpath's rule: up ('..') out of the folders the target is not in, then down to it.
    parts = _parts(target)
    shared = 0
    while shared < min(len(parts), len(folders)) and parts[shared] == folders[shared]:
        shared += 1
    rel = "/".join([".."] * (len(folders) - shared) + parts[shared:]) or "."
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return "./" if rel in {"./", "/"} else rel


def absolute_url(site_url: str, site_path: str) -> str:
    """A site-relative path as a full URL, under the site's sub-path if it has one."""
    return site_url.rstrip("/") + "/" + site_path.lstrip("/")
