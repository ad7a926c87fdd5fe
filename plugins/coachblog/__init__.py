"""A MkDocs plugin for a running-coach's blog: tip index, tag pages, coach finder and feeds."""
