"""Where one build's time goes: seconds per named part of the plugin, and counters of work done.

The benchmark (scripts/bench.py) sets COACHBLOG_TIMINGS to a file path and reads the JSON written
there at the end of each build; without it the figures only go to the debug log (`mkdocs build -v`).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

TIMINGS_ENV = "COACHBLOG_TIMINGS"


class Timings:
    """Seconds spent in each part of the plugin during one build, and how much work each did.

    A part nested in another is counted once: the outer part gets only the time outside the inner
    one, so the parts add up to the plugin's whole share of the build.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.counters: dict[str, int] = defaultdict(int)
        self._inner: list[float] = []  # per open part, the time spent in parts nested in it
        self._started = time.perf_counter()

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Add the time spent in the `with` block to part `name`."""
        start = time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            inner = self._inner.pop()
            self.seconds[name] += elapsed - inner
            self.calls[name] += 1
            if self._inner:
                self._inner[-1] += elapsed

    def count(self, name: str, amount: int = 1) -> None:
        """Add `amount` to counter `name`, e.g. `cards_rendered` or `coach_files_read`."""
        self.counters[name] += amount

    def as_dict(self) -> dict[str, object]:
        """The figures as plain data: parts (seconds), calls, counters, seconds since the start."""
        return {
            "parts": dict(sorted(self.seconds.items())),
            "calls": dict(sorted(self.calls.items())),
            "counters": dict(sorted(self.counters.items())),
            "plugin_seconds": sum(self.seconds.values()),
            "since_config_seconds": time.perf_counter() - self._started,
        }

    def summary(self) -> str:
        """One line for the log, slowest part first."""
        parts = sorted(self.seconds.items(), key=lambda item: item[1], reverse=True)
        text = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in parts) or "no parts timed"
        if self.counters:
            text += "; " + ", ".join(f"{name}={value}" for name, value in sorted(self.counters.items()))
        return f"coachblog timings: {text}"

    def write_if_requested(self, environ: Mapping[str, str] | None = None) -> Path | None:
        """Write the figures as JSON to the file named by COACHBLOG_TIMINGS, when it is set."""
        target = (os.environ if environ is None else environ).get(TIMINGS_ENV)
        if not target:
            return None
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")
        return path
