"""Search: the query language, the name index, the article index over SQLite FTS5 and its
on-disk cache, highlighting, and loading a database into an index.

Imports `tui.core` and `tui.storage`.
"""
