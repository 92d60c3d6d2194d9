"""Names in article text, for candidate proposals: where they are (`spans`), what is whole
(`split`), which forms are one thing (`resolve`), and what kind each is (`kinds`, from the words
of the name, its context, titles, and the `gazetteer` of countries and subdivisions that
pycountry ships). Pure functions over text; imports nothing above `tui.search`."""
