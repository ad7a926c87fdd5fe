"""Draw the site's favicon, a runner on a green tile, as SVG and as PNG (for the feeds, which need one).

Both files come from the same shapes below, so they always match. Run it after changing a shape:

    .venv/bin/python scripts/draw_favicon.py

It writes docs/assets/images/favicon-runner.svg and favicon-runner.png (mkdocs.yml's theme.favicon).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

# The site's palette (mkdocs.yml: primary green, accent deep orange), as on the social cards.
TILE = "#1b5e20"
RUNNER = "#ffffff"
TRACK = "#ff6e40"

GRID = 64  # the shapes are drawn on a 64 x 64 grid
CORNER = 14  # the tile's rounded corners
HEAD = ((38, 12), 6.5)  # centre and radius
LIMB = 6.5  # stroke width of the body, arms and legs, with round ends and joints
BODY = (
    ((34, 22), (28, 37)),  # torso
    ((33, 24), (24, 27), (18, 34)),  # back arm
    ((33, 24), (41, 30), (48, 26)),  # front arm
    ((28, 37), (38, 43), (36, 52)),  # front leg
    ((28, 37), (22, 46), (12, 46)),  # back leg
)
GROUND = (((9, 57), (55, 57)), 4.5)  # the track under the runner's feet, and its width

PNG_SIZE = 64  # RSS allows a channel image up to 144 pixels wide; small, as every page asks for it
SUPERSAMPLE = 8  # drawn this many times larger, then scaled down, for smooth edges


def svg() -> str:
    """The favicon as an SVG document."""

    def points(line: tuple[tuple[int, int], ...]) -> str:
        return " ".join(f"{x},{y}" for x, y in line)

    (hx, hy), radius = HEAD
    ground, ground_width = GROUND
    limbs = "\n".join(f'    <polyline points="{points(line)}"/>' for line in BODY)
    size = f'viewBox="0 0 {GRID} {GRID}" width="{GRID}" height="{GRID}"'
    return f"""<svg xmlns="http://www.w3.org/2000/svg" {size}>
  <title>A runner on a track</title>
  <rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{TILE}"/>
  <line x1="{ground[0][0]}" y1="{ground[0][1]}" x2="{ground[1][0]}" y2="{ground[1][1]}" stroke="{TRACK}"
        stroke-width="{ground_width}" stroke-linecap="round"/>
  <g fill="none" stroke="{RUNNER}" stroke-width="{LIMB}" stroke-linecap="round" stroke-linejoin="round">
{limbs}
  </g>
  <circle cx="{hx}" cy="{hy}" r="{radius}" fill="{RUNNER}"/>
</svg>
"""


def png(size: int = PNG_SIZE) -> Image.Image:
    """The favicon as an RGBA image `size` pixels square."""
    big = size * SUPERSAMPLE
    scale = big / GRID
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * scale, fill=TILE)

    def stroke(line: tuple[tuple[int, int], ...], width: float, colour: str) -> None:
        scaled = [(x * scale, y * scale) for x, y in line]
        draw.line(scaled, fill=colour, width=round(width * scale), joint="curve")
        for x, y in scaled:  # Pillow's lines end square: round every end and joint
            r = width * scale / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    ground, ground_width = GROUND
    stroke(ground, ground_width, TRACK)
    for line in BODY:
        stroke(line, LIMB, RUNNER)
    (hx, hy), radius = HEAD
    draw.ellipse(
        ((hx - radius) * scale, (hy - radius) * scale, (hx + radius) * scale, (hy + radius) * scale),
        fill=RUNNER,
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images"
    parser.add_argument(
        "--out", type=Path, default=default, help="folder to write into (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "favicon-runner.svg").write_text(svg(), encoding="utf-8")
    png().save(args.out / "favicon-runner.png", format="PNG", optimize=True)
    print(f"wrote favicon-runner.svg and favicon-runner.png in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
