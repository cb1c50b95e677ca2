"""French, Spanish and Italian example facts for the EU letters written in those languages, so an
example letter reads in one language throughout. Synthetic people and numbers only."""

EXAMPLES_BY_LANG: dict[str, dict[str, dict]] = {
    "fr": {"eu.access": {"enclosures": [
        "Copie de ma carte d'identité (numéro et photo masqués, nom et date de naissance lisibles)"]}},
    "es": {"eu.access": {"enclosures": [
        "Copia de mi documento de identidad (número y foto tachados; nombre y fecha de nacimiento legibles)"]}},
    "it": {"eu.access": {"enclosures": [
        "Copia della mia carta d'identità (numero e foto oscurati; nome e data di nascita leggibili)"]}},
}
