"""Search: the query language, the name index, the article index over SQLite FTS5 and its
on-disk cache, highlighting, loading a database into an index, and the threads that loads and
index builds run on (`threads.py`).

Imports `tui.core` and `tui.storage`.
"""
