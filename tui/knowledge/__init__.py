"""What Quadrant works out from text: mentions found by name, candidates proposed by an import,
their review and merge, and the import itself (with the readers of `tui.ingest`).

Imports `tui.core`, `tui.storage`, `tui.search` and `tui.ingest`.
"""
