"""Pictures of posts: a front-matter photo checked and encoded at several widths, or generated art."""
