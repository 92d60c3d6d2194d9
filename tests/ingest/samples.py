"""Texts for the generated fixture files that need a particular encoding."""

LATIN1_TEXT = (
    "Coopération franco-allemande\n\n"
    "Les ministres ont signé à Paris un accord sur le char du futur, déjà très attendu.\n"
)
UTF16_TEXT = "Überblick: Zusammenarbeit\n\nDie Straße nach Kyjiw führt über Brüssel — 防衛協力.\n"
