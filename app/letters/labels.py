"""Fixed words printed on every letter, per letter language (the body text lives in templates)."""

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "date_of_birth": "Date of birth", "reference": "Our reference", "enclosures": "Enclosures",
        "signature": "Signature", "page": "Page", "of": "of", "previous_addresses": "Previous addresses",
        "id_number": "ID number", "email": "Email", "phone": "Phone", "sent_by": "Sent by",
        "deadline": "Deadline for your answer", "estimated": "estimated: based on the expected delivery date",
        "no_deadline": "The law sets no fixed number of days; it requires an answer without undue delay.",
        "regards": "Sincerely,", "regards_gb": "Yours faithfully,", "subject": "Subject", "salutation": "Dear Sir or Madam,",
        "post": "first-class post", "certified": "certified mail, return receipt requested",
        "online": "online portal", "email_method": "email", "fax": "fax",
        # A letter to China goes by registered mail (挂号信), the proof of receipt there.
        "certified_cn": "registered mail (挂号信)",
        "counter": "handed in in person", "hand_in": "To be handed in at",
    },
    "de": {
        "date_of_birth": "Geburtsdatum", "reference": "Unser Zeichen", "enclosures": "Anlagen",
        "signature": "Unterschrift", "page": "Seite", "of": "von", "previous_addresses": "Frühere Anschriften",
        "id_number": "Ausweisnummer", "email": "E-Mail", "phone": "Telefon", "sent_by": "Versandart",
        "deadline": "Frist für Ihre Antwort", "estimated": "geschätzt: ausgehend vom erwarteten Zugang",
        "no_deadline": "Das Gesetz nennt keine feste Zahl von Tagen; es verlangt eine Antwort ohne unangemessene Verzögerung.",
        "regards": "Mit freundlichen Grüßen", "subject": "Betreff", "salutation": "Sehr geehrte Damen und Herren,",
        "post": "Briefpost", "certified": "Einschreiben mit Rückschein", "online": "Online-Portal",
        "email_method": "E-Mail", "fax": "Fax", "counter": "persönliche Abgabe", "hand_in": "Abgabe bei",
    },
    "zh": {
        "date_of_birth": "出生日期", "reference": "编号", "enclosures": "附件", "signature": "签名",
        "page": "第", "of": "页，共", "previous_addresses": "曾用地址", "id_number": "证件号码",
        "email": "电子邮箱", "phone": "电话", "sent_by": "寄送方式", "deadline": "法定答复期限",
        "estimated": "估算：按预计送达日期计算", "no_deadline": "法律未规定具体天数，但要求及时处理。",
        "regards": "此致", "regards_line2": "敬礼！", "subject": "事由", "salutation": "您好：",
        "post": "平信", "certified": "挂号信", "online": "网上平台", "email_method": "电子邮件", "fax": "传真",
        "counter": "现场递交", "hand_in": "递交地点",
    },
    "fr": {
        "date_of_birth": "Date de naissance", "reference": "Notre référence", "enclosures": "Pièces jointes",
        "signature": "Signature", "page": "Page", "of": "sur", "previous_addresses": "Adresses précédentes",
        "id_number": "Numéro d'identité", "email": "Courriel", "phone": "Téléphone", "sent_by": "Envoyé par",
        "deadline": "Délai de réponse", "estimated": "estimé : d'après la date de réception prévue",
        "no_deadline": "La loi ne fixe pas de nombre de jours ; elle exige une réponse dans les meilleurs délais.",
        "regards": "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
        "subject": "Objet", "salutation": "Madame, Monsieur,",
        "post": "courrier simple", "certified": "lettre recommandée avec accusé de réception",
        "online": "formulaire en ligne", "email_method": "courriel", "fax": "télécopie",
        "counter": "remise en main propre", "hand_in": "À remettre à",
    },
    "es": {
        "date_of_birth": "Fecha de nacimiento", "reference": "Nuestra referencia", "enclosures": "Documentos adjuntos",
        "signature": "Firma", "page": "Página", "of": "de", "previous_addresses": "Direcciones anteriores",
        "id_number": "Número de identificación", "email": "Correo electrónico", "phone": "Teléfono",
        "sent_by": "Enviado por", "deadline": "Plazo para su respuesta",
        "estimated": "estimado: según la fecha prevista de recepción",
        "no_deadline": "La ley no fija un número de días; exige una respuesta sin dilación indebida.",
        "regards": "Atentamente,", "subject": "Asunto", "salutation": "Muy señores míos:",
        "post": "correo ordinario", "certified": "correo certificado con acuse de recibo",
        "online": "formulario en línea", "email_method": "correo electrónico", "fax": "fax",
        "counter": "entrega en persona", "hand_in": "Entregar en",
    },
    "it": {
        "date_of_birth": "Data di nascita", "reference": "Nostro riferimento", "enclosures": "Allegati",
        "signature": "Firma", "page": "Pagina", "of": "di", "previous_addresses": "Indirizzi precedenti",
        "id_number": "Numero del documento d'identità", "email": "E-mail", "phone": "Telefono",
        "sent_by": "Inviata tramite", "deadline": "Termine per la risposta",
        "estimated": "stimato: in base alla data di ricezione prevista",
        "no_deadline": "La legge non fissa un numero di giorni; richiede una risposta senza ingiustificato ritardo.",
        "regards": "Distinti saluti", "subject": "Oggetto", "salutation": "Gentili Signore e Signori,",
        "post": "posta ordinaria", "certified": "raccomandata con ricevuta di ritorno",
        "online": "modulo online", "email_method": "e-mail", "fax": "fax",
        "counter": "consegna a mano", "hand_in": "Da consegnare presso",
    },
}


# The banner on a reading copy (a translation for the person, never the letter to send), in the
# reading language; {language} is the language of the real letter (app/letters/render.py).
READING: dict[str, dict] = {
    "en": {"title": "Reading copy:",
           "banner": "a translation so you can understand the letter. Send the {language} letter, not this copy.",
           "own_wording": "This copy follows the standard wording. The letter uses your organization's own wording, "
                          "which may say things differently.",
           "languages": {"en": "English", "es": "Spanish", "zh": "Chinese", "de": "German", "fr": "French",
                         "it": "Italian"}},
    "es": {"title": "Copia para leer:",
           "banner": "es una traducción para que entiendas la carta. Envía la carta {language}, no esta copia.",
           "own_wording": "Esta copia sigue la redacción estándar. La carta usa la redacción propia de tu "
                          "organización, que puede decir las cosas de otra forma.",
           "languages": {"en": "en inglés", "es": "en español", "zh": "en chino", "de": "en alemán",
                         "fr": "en francés", "it": "en italiano"}},
}


# The ID kinds of a consumer record (app/consumers/service.py ID_KINDS, English) as a letter in
# another language prints them: a Chinese letter names the ID in Chinese. Unknown labels (e.g. one
# the example data already gives in Chinese) are printed as they are.
ID_LABELS: dict[str, dict[str, str]] = {
    "zh": {"US Social Security number": "美国社会安全号码", "US ITIN": "美国个人纳税识别号码",
           "National ID number": "身份证件号码", "Other ID number": "证件号码"},
    "de": {"US Social Security number": "US-Sozialversicherungsnummer", "US ITIN": "US-Steuernummer (ITIN)",
           "National ID number": "Ausweisnummer", "Other ID number": "Ausweisnummer"},
    "fr": {"US Social Security number": "numéro de sécurité sociale américain", "US ITIN": "ITIN américain",
           "National ID number": "numéro d'identité national", "Other ID number": "numéro d'identité"},
    "es": {"US Social Security number": "número de la Seguridad Social de EE. UU.", "US ITIN": "ITIN de EE. UU.",
           "Social Security number": "número de Seguro Social",
           "National ID number": "número de identidad nacional", "Other ID number": "número de identificación"},
    "it": {"US Social Security number": "numero di previdenza sociale statunitense", "US ITIN": "ITIN statunitense",
           "National ID number": "numero d'identità nazionale", "Other ID number": "numero del documento"},
}


def id_label(label: str | None, lang: str) -> str:
    return ID_LABELS.get(lang, {}).get(label or "", label or "")
