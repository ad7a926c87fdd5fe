"""Theme templates compiled once per test session, not once per build.

MkDocs makes a new Jinja environment for every build, so every build compiles Material's templates
again (about 0.15 s of a small site's build). Hundreds of test builds share this in-memory bytecode
cache instead. Jinja checks each cached template against its source's checksum and keys it by file
name, so a template that changes, or an override in another site's folder, is compiled anew: the
built pages are the same as without the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import jinja2
from mkdocs import theme


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja bytecode kept in memory, by template key."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@contextmanager
def compiled_once() -> Iterator[CompiledTemplates]:
    """While the block runs, every theme environment MkDocs makes uses one cache."""
    cache = CompiledTemplates()
    get_env = theme.Theme.get_env

    def get_env_with_cache(self: theme.Theme) -> jinja2.Environment:
        env = get_env(self)
        env.bytecode_cache = cache
        return env

    theme.Theme.get_env = get_env_with_cache  # type: ignore[method-assign]
    try:
        yield cache
    finally:
        theme.Theme.get_env = get_env  # type: ignore[method-assign]
