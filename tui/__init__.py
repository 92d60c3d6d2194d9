"""Quadrant: a terminal explorer for articles and the entities and agreements they name."""

__version__ = "0.1.0"
