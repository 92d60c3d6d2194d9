"""Files: the store (the only module that imports TinyDB), atomic writes, the database read in
pieces, and where files live.

Imports `tui.core` only.
"""
