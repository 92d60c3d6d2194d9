"""Search results and items out of Quadrant: JSON lines, CSV, a Markdown briefing.

Imports `tui.core`, `tui.storage` and `tui.search`.
"""
