"""Widgets of Quadrant: the pane, the search bar, the reader, the footer and the toggle."""
