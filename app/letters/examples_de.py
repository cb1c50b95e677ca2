"""German example facts for the EU letters, so an example letter in German reads German throughout.
Synthetic people, companies and numbers only."""

EXAMPLES_DE: dict[str, dict] = {
    "eu.access": {"enclosures": [
        "Kopie meines Personalausweises (Nummer und Foto geschwärzt, Name und Geburtsdatum lesbar)"]},
    "eu.automated-decision": {
        "facts": {
            "decision": "Mein Antrag auf einen Verbraucherkredit über 8.000 EUR wurde abgelehnt. Das Ablehnungsschreiben "
                        "sagt nur, meine Bonität reiche nicht aus.",
            "point_of_view": "Ich bin seit acht Jahren unbefristet angestellt, mein Nettoeinkommen beträgt 3.400 EUR im "
                             "Monat, und ich habe nie eine Zahlung versäumt. Der einzige negative Eintrag, den ich kenne, "
                             "betrifft eine strittige Telefonrechnung, die inzwischen beglichen ist.",
        },
        "enclosures": ["Kopie des Ablehnungsschreibens der Example Bank AG vom 20. Oktober 2026"],
    },
    "eu.complaint": {
        "facts": {
            "what_happened": "Das Unternehmen hat meinen Antrag am 16. September 2026 erhalten. Am 2. Oktober 2026 "
                             "schickte es eine Liste meiner gespeicherten Daten, aber keine Angaben zu Empfängern, "
                             "Herkunft, Speicherdauer oder zur Berechnung meines Scores. Auf meine Erinnerung hat es "
                             "nicht geantwortet.",
            "further_requests": "Bitte prüfen Sie auch, ob das Unternehmen meinen Score an Vermieter weitergeben darf.",
        },
        "enclosures": ["Kopie meines Antrags vom 14. September 2026 mit Zustellnachweis",
                       "Kopie der Antwort des Unternehmens vom 2. Oktober 2026",
                       "Kopie meiner Erinnerung vom 19. Oktober 2026"],
    },
    "eu.erasure": {
        "facts": {
            "grounds_details": "In Ihrer Datei steht noch, dass mir die Restschuldbefreiung erteilt wurde. Das öffentliche "
                               "Insolvenzregister zeigt diese Information nicht mehr.",
            "data_concerned": "Der Eintrag über die Erteilung der Restschuldbefreiung (Amtsgericht Charlottenburg, "
                              "Az. 36k IN 1234/19), die zugrunde liegenden Insolvenzeinträge und alle damit "
                              "berechneten Scorewerte.",
        },
        "enclosures": ["Kopie des Beschlusses über die Erteilung der Restschuldbefreiung vom 14. März 2025"],
    },
    "eu.objection": {
        "facts": {
            "processing": "Die Speicherung des Eintrags zu meinem früheren Kundenkonto bei der Example Versand GmbH "
                          "(2022 erledigt) und seine Verwendung für Scorewerte, die Sie an Kreditgeber und Vermieter "
                          "weitergeben.",
            "particular_situation": "Der Eintrag betrifft 180 EUR, die ich 2021 wegen einer falschen Rechnung "
                                    "zurückbehalten und nach Klärung vollständig bezahlt habe. Ich suche jetzt für mich "
                                    "und meine zwei Kinder eine Wohnung in Berlin. Jeder Vermieter verlangt eine Auskunft "
                                    "von Ihnen, und dieser Eintrag hat schon zu zwei Absagen geführt.",
        },
        "enclosures": ["Kopie der Zahlungsbestätigung der Example Versand GmbH"],
    },
    "eu.rectification": {
        "facts": {
            "items": [
                {"data": "Aktuelle Anschrift: Beispielweg 3, 80331 München",
                 "correct": "Aktuelle Anschrift: Musterstraße 12, 10115 Berlin (seit 1. März 2024)",
                 "evidence": "Meldebestätigung vom 4. März 2024"},
                {"data": "Ratenkredit der Example Bank AG, Konto endet auf 4711, als offen mit 3.200 EUR angezeigt",
                 "correct": "Kredit am 31. August 2025 vollständig zurückgezahlt und geschlossen",
                 "evidence": "Bestätigung der Example Bank AG über die Rückzahlung vom 5. September 2025"},
            ],
            "seen_in": "der Kopie meiner Daten, die Sie mir am 1. Oktober 2026 geschickt haben",
        },
        "enclosures": ["Kopie meiner Meldebestätigung vom 4. März 2024",
                       "Kopie der Rückzahlungsbestätigung der Example Bank AG vom 5. September 2025"],
    },
    "eu.reminder": {
        "facts": {"missing": "Sie haben eine Liste meiner gespeicherten Daten geschickt, aber keine Angaben zu "
                             "Empfängern, Herkunft, Speicherdauer oder zur Berechnung meines Scores."},
        "enclosures": ["Kopie meines Schreibens vom 14. September 2026", "Zustellnachweis vom 16. September 2026"],
    },
    "eu.restriction": {
        "facts": {
            "data_concerned": "Der von der Example Telecom GmbH am 12. Mai 2026 gemeldete Eintrag, eine Forderung von "
                              "412 EUR gegen mich sei fällig, und alle damit berechneten Scorewerte.",
            "explanation": "Ich schulde diesen Betrag nicht. Ich habe den Vertrag zum 31. Januar 2026 gekündigt, und die "
                           "Example Telecom GmbH hat am 20. Februar 2026 schriftlich bestätigt, dass mein Konto "
                           "ausgeglichen ist.",
        },
        "enclosures": ["Kopie des Schreibens der Example Telecom GmbH vom 20. Februar 2026"],
    },
}
