"""Pictures: a post's front-matter photo and a coach's photo, checked and encoded at several widths
without their metadata, or generated art for a post without one."""
