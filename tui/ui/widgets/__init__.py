"""Widgets of Quadrant: the pane, the search bar, the reader and the text helpers they share."""
