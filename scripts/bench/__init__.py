"""The benchmark family: `make bench` (`python -m bench`, with scripts/ on the path) and its parts.

bench (the command line), bench_sites (the generated sites and their configs), bench_runs (timed
builds), bench_report (the table), bench_modes (--profile), bench_serve (--serve-check: dirty builds
and `mkdocs serve --dirty`), bench_coaches and page_weights (coach pages and first loads of a large
site), benchgen (the seeded content); and the benchmarks run alone: bench_feeds, bench_links,
bench_social_cards (`python -m bench.bench_links`).
"""
