"""What every module agrees on about the database file, in a module that loads nothing else:
the schema version, the tables, and the error raised when a file cannot be used.

The command line checks a database before the app starts; keeping this small keeps that check,
and the app's first frame, from waiting on the models and TinyDB.
"""

# 2: an agreement's signatories are objects (name, entity id, side); 1 stored names alone.
SCHEMA_VERSION = 2
TABLE_NAMES = ("articles", "entities", "agreements", "mentions")


class StoreError(Exception):
    """The database cannot be opened or written; the message names the file and the problem."""
