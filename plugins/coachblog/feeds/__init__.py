"""The feeds (RSS, Atom, JSON Feed) of the site and of each tag: what they hold and how they are written."""
