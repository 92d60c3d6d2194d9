"""The data model and what is computed from it alone: records and their validation, the
corpus of links between them, safe text, short descriptions.

No I/O and no other package of Quadrant: everything else imports from here, never the reverse.
"""
