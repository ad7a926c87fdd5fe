"""The coach directory: the coach file schema, reading and checking coach files, where coaches are, likely
duplicates, who owns an entry, and the finder and profile pages."""
