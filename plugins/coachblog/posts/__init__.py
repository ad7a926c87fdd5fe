"""Tips and articles: front matter, the posts read from it, the catalog of them all, and the pages made
from them (tip index, tag pages, cards)."""
