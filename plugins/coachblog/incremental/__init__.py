"""Dirty builds that match clean ones: what a build read and made, kept between builds, and what an edit
changes (plain Python; `incremental_steps.py` applies it to MkDocs' files and pages)."""
