"""The Textual app: the app itself (thin), the palette, hang-up handling, screens, widgets and the
one stylesheet. The only package that imports textual.

Imports any package below it; nothing below imports it.
"""
