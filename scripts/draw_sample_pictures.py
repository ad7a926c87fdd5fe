"""Draw the sample tips' pictures: photo-like landscapes with runners, made with Pillow alone.

Nothing is downloaded: every pixel comes from this script, drawn for this project and under the
project's licence (docs/assets/images/tips/LICENCE.txt says so). The same Pillow draws the same bytes.

    .venv/bin/python scripts/draw_sample_pictures.py            # writes docs/assets/images/tips/*.jpg
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images" / "tips"
SIZE = (1800, 1200)


@dataclass(frozen=True)
class Scene:
    """One picture: its sky from top to horizon, the sun, the hills from far to near, and the runners."""

    name: str
    sky: tuple[str, str]
    sun: tuple[float, float, int, str]  # x and y as fractions of the picture, radius, colour
    hills: tuple[str, ...]
    path: str
    runners: int
    seed: int


SCENES = (
    Scene(
        "reverse-your-route",
        ("#7fb3d5", "#fde3c0"),
        (0.78, 0.30, 70, "#fff2cc"),
        ("#9bbf9a", "#6f9e63", "#4a7c3f", "#2f5d2a"),
        "#d9c7a3",
        1,
        11,
    ),
    Scene(
        "run-at-a-different-time",
        ("#2b3a67", "#f28c4a"),
        (0.30, 0.52, 95, "#ffb36b"),
        ("#5d4a6b", "#3e3b5a", "#2a3347", "#1a2230"),
        "#8c6f5a",
        2,
        23,
    ),
    Scene(
        "join-a-running-club",
        ("#9fd3f0", "#e9f6ff"),
        (0.15, 0.18, 60, "#fffbe6"),
        ("#a8cfa0", "#7fb069", "#5a9143", "#3d6e2d"),
        "#c9b48a",
        4,
        37,
    ),
)


def gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    """`top` colour at the top edge fading into `bottom` at the bottom edge."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def ridge(rng: random.Random, width: int, base: float, rise: float) -> list[tuple[float, float]]:
    """A hill line: a few sine waves of random length and phase, summed."""
    waves = [(rng.uniform(0.5, 3.0), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0)) for _ in range(4)]
    total = sum(w[2] for w in waves)
    points = []
    for x in range(0, width + 10, 10):
        t = x / width
        y = sum(a * math.sin(f * math.tau * t + p) for f, p, a in waves) / total
        points.append((float(x), base - rise * y))
    return points


def runner(draw: ImageDraw.ImageDraw, x: float, ground: float, height: float, stride: float) -> None:
    """A running figure in silhouette: head, body leaning forward, arms and legs mid-stride."""
    ink = "#1c1c1c"
    w = max(3, round(height / 9))
    hip = (x, ground - height * 0.48)
    neck = (x + height * 0.08, ground - height * 0.82)
    draw.ellipse(
        (neck[0] - height * 0.07, neck[1] - height * 0.2, neck[0] + height * 0.09, neck[1] - height * 0.04),
        fill=ink,
    )
    draw.line([hip, neck], fill=ink, width=w)
    knee_f = (hip[0] + height * 0.22 * stride, hip[1] + height * 0.2)
    draw.line(
        [hip, knee_f, (knee_f[0] - height * 0.02, ground - height * 0.02)], fill=ink, width=w, joint="curve"
    )
    knee_b = (hip[0] - height * 0.12 * stride, hip[1] + height * 0.24)
    draw.line(
        [hip, knee_b, (knee_b[0] - height * 0.2 * stride, knee_b[1] + height * 0.1)],
        fill=ink,
        width=w,
        joint="curve",
    )
    shoulder = (neck[0] - height * 0.02, neck[1] + height * 0.06)
    draw.line(
        [
            shoulder,
            (shoulder[0] + height * 0.12, shoulder[1] + height * 0.14),
            (shoulder[0] + height * 0.22, shoulder[1] + height * 0.04),
        ],
        fill=ink,
        width=w - 1,
        joint="curve",
    )
    draw.line(
        [
            shoulder,
            (shoulder[0] - height * 0.12, shoulder[1] + height * 0.16),
            (shoulder[0] - height * 0.2, shoulder[1] + height * 0.26),
        ],
        fill=ink,
        width=w - 1,
        joint="curve",
    )


def draw(scene: Scene) -> Image.Image:
    rng = random.Random(scene.seed)
    width, height = SIZE
    horizon = int(height * 0.62)
    image = gradient(SIZE, *scene.sky)
    sx, sy, radius, colour = scene.sun
    glow = Image.new("L", SIZE, 0)
    gx, gy = sx * width, sy * height
    ImageDraw.Draw(glow).ellipse(
        (gx - radius * 4, gy - radius * 4, gx + radius * 4, gy + radius * 4), fill=140
    )
    glow = glow.filter(ImageFilter.GaussianBlur(radius * 1.5))
    image = Image.composite(Image.new("RGB", SIZE, colour), image, glow)
    pen = ImageDraw.Draw(image)
    pen.ellipse((gx - radius, gy - radius, gx + radius, gy + radius), fill=colour)
    for i, fill in enumerate(scene.hills):
        base = horizon - 120 + i * 110
        line = ridge(rng, width, base, 90 - i * 15)
        layer = Image.new("RGB", SIZE, fill)
        mask = Image.new("L", SIZE, 0)
        ImageDraw.Draw(mask).polygon([(0, height), *line, (width, height)], fill=255)
        image.paste(layer, mask=mask.filter(ImageFilter.GaussianBlur(3 - i * 0.6 if i < 4 else 0)))
    # A path winding from the bottom edge towards the horizon.
    pen = ImageDraw.Draw(image)
    top_x, bottom_x = width * rng.uniform(0.45, 0.6), width * rng.uniform(0.3, 0.5)
    left, right = [], []
    for step in range(41):
        t = step / 40
        y = horizon + 40 + t * (height - horizon - 40)
        centre = top_x + (bottom_x - top_x) * t + math.sin(t * 5 + scene.seed) * 60 * (1 - t)
        half = 8 + t * 260
        left.append((centre - half, y))
        right.append((centre + half, y))
    pen.polygon(left + right[::-1], fill=scene.path)
    for i in range(scene.runners):  # side by side, the ones further back a little smaller
        t = 0.62 - 0.06 * (i % 2)
        k = round(t * 40)
        centre = (left[k][0] + right[k][0]) / 2
        x = centre + (i - (scene.runners - 1) / 2) * 150
        runner(pen, x, left[k][1], 170 + t * 120, 1.0 if i % 2 == 0 else -0.6)
    # Film grain and a soft focus, so it compresses like a photograph, not like flat art.
    noise = Image.frombytes("L", SIZE, rng.randbytes(width * height)).filter(ImageFilter.GaussianBlur(0.8))
    grain = Image.merge("RGB", [noise] * 3)
    image = ImageChops.blend(image, ImageChops.overlay(image, grain), 0.25)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the pictures to")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for scene in SCENES:
        path = args.out / f"{scene.name}.jpg"
        draw(scene).save(path, "JPEG", quality=85, optimize=True)
        print(f"{path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
