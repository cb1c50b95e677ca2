"""What goes in the envelope with a letter, and what a letter needs before it can be sent.

A letter lists an enclosure only when the person gave it (issue 17: letters state only what the
person gave):

* a document of the case attached to the letter (app/documents): `data["attached"]`, filled in by
  app/letters/service.py from the letter's enclosure rows;
* something they ticked as "I will enclose this myself" (`data["enclose_self"]`: option tags);
* something they typed, one per line (`data["enclosures"]`).

Each piece of paper carries a tag saying what it proves ("id", "itr", ...). A letter's wording may
claim only what a tag says is in the envelope, and a requirement is met by a tag: a §605B block
request without an identity theft report is not a §605B request (FCRA §605B(a)(2)).

Pure: no database, no web. The words people read about a requirement live in
templates/letters/_requirements.html (they are UI text, translated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Option:
    """Something a person may tick as "I will enclose this myself": its tag and its line in the letter."""

    tag: str
    # letter language -> the line printed under "Enclosures". Spanish lines are for the reading
    # copies of US letters (issue 13): no kind sendable in Spanish offers these options.
    lines: dict[str, str]


OPTIONS: dict[str, Option] = {o.tag: o for o in (
    Option("id", {"en": "Copy of my government-issued photo ID (driver's license, state ID or passport)", "es": "Copia de mi documento de identidad oficial con foto (licencia de conducir, identificación estatal o pasaporte)"}),
    Option("address", {"en": "Copy of a recent document showing my current address (utility bill, bank "
                             "statement or lease)", "es": "Copia de un documento reciente que muestra mi dirección actual (factura de servicios, estado de cuenta bancario o contrato de alquiler)"}),
    Option("itr", {"en": "Copy of my FTC Identity Theft Report (IdentityTheft.gov)", "es": "Copia de mi Informe de Robo de Identidad de la FTC (IdentityTheft.gov)"}),
    Option("police", {"en": "Copy of my police report", "es": "Copia de mi denuncia policial"}),
    Option("report-page", {"en": "Copy of the credit report page with the items marked", "es": "Copia de la página del informe de crédito con los datos marcados"}),
    Option("results", {"en": "Copy of the results letter I received", "es": "Copia de la carta de resultados que recibí"}),
    Option("prior-letter", {"en": "Copy of my earlier letter", "es": "Copia de mi carta anterior"}),
    Option("delivery", {"en": "Proof of delivery of my earlier letter", "es": "Prueba de entrega de mi carta anterior"}),
    Option("adverse-notice", {"en": "Copy of the adverse-action notice", "es": "Copia del aviso de acción adversa"}),
    Option("request-form", {"en": "Completed Annual Credit Report Request Form", "es": "Formulario de solicitud de informe de crédito anual (Annual Credit Report Request Form) completado"}),
    Option("authority", {"en": "Proof of my authority to act for the person named in this letter (birth "
                               "certificate, court order or power of attorney)", "es": "Prueba de mi autoridad para actuar en nombre de la persona nombrada en esta carta (acta de nacimiento, orden judicial o poder notarial)"}),
    Option("protected-id", {"en": "Copy of the Social Security card or birth certificate of the person named "
                                  "in this letter", "es": "Copia de la tarjeta de Seguro Social o del acta de nacimiento de la persona nombrada en esta carta"}),
    Option("correspondence", {"en": "Copies of my letters and of the answers I received", "es": "Copias de mis cartas y de las respuestas que recibí"}),
    Option("collector-letter", {"en": "Copy of the collector's letter or notice", "es": "Copia de la carta o del aviso del cobrador"}),
    # China, credit repair (NDRC Order No. 36): the signed credit commitment.
    Option("commitment", {"zh": "本人签署的《信用修复承诺书》",
                          "en": "My signed credit commitment letter (信用修复承诺书)", "es": "Mi carta de compromiso de crédito firmada (信用修复承诺书)"}),
)}

# Uploaded documents by kind (app.documents.models.DOCUMENT_KINDS): what each proves.
DOCUMENT_TAGS = {"id": "id", "proof-of-address": "address", "police-report": "police", "ftc-report": "itr",
                 "bureau-answer": "results", "mail-receipt": "delivery", "credit-report": "report-page",
                 "proof-of-authority": "authority", "credit-commitment": "commitment", "other": ""}

# ...and how a letter names them. "{name}" is the file's name without its extension.
DOCUMENT_LINES: dict[str, dict[str, str]] = {
    "en": {"id": "Copy of my identity document", "proof-of-address": "Copy of a document showing my address",
           "police-report": "Copy of my police report", "ftc-report": "Copy of my FTC Identity Theft Report",
           "bureau-answer": "Copy of the answer I received", "mail-receipt": "Proof of mailing or delivery",
           "credit-report": "Copy of my credit report",
           "proof-of-authority": "Proof of my authority to act for the person named in this letter",
           "credit-commitment": "My signed credit commitment letter (信用修复承诺书)", "other": "Copy of {name}"},
    "de": {"id": "Kopie meines Ausweises", "proof-of-address": "Kopie eines Nachweises meiner Anschrift",
           "police-report": "Kopie meiner Strafanzeige", "ftc-report": "Kopie meiner Anzeige wegen Identitätsdiebstahls",
           "bureau-answer": "Kopie der erhaltenen Antwort", "mail-receipt": "Einlieferungs- oder Zustellnachweis",
           "credit-report": "Kopie meiner Auskunft", "proof-of-authority": "Nachweis meiner Vertretungsbefugnis",
           "credit-commitment": "Meine unterschriebene Verpflichtungserklärung (信用修复承诺书)",
           "other": "Kopie: {name}"},
    "fr": {"id": "Copie de ma pièce d'identité", "proof-of-address": "Copie d'un justificatif de domicile",
           "police-report": "Copie de ma plainte", "ftc-report": "Copie de ma déclaration d'usurpation d'identité",
           "bureau-answer": "Copie de la réponse reçue", "mail-receipt": "Preuve d'envoi ou de réception",
           "credit-report": "Copie de mon rapport de crédit",
           "proof-of-authority": "Justificatif de mon pouvoir de représentation",
           "credit-commitment": "Mon engagement signé (信用修复承诺书)", "other": "Copie : {name}"},
    "es": {"id": "Copia de mi documento de identidad", "proof-of-address": "Copia de un justificante de domicilio",
           "police-report": "Copia de mi denuncia", "ftc-report": "Copia de mi denuncia por usurpación de identidad",
           "bureau-answer": "Copia de la respuesta recibida", "mail-receipt": "Justificante de envío o de entrega",
           "credit-report": "Copia de mi informe de crédito", "proof-of-authority": "Acreditación de mi representación",
           "credit-commitment": "Mi compromiso firmado (信用修复承诺书)", "other": "Copia: {name}"},
    "it": {"id": "Copia del mio documento d'identità", "proof-of-address": "Copia di un documento con il mio indirizzo",
           "police-report": "Copia della mia denuncia", "ftc-report": "Copia della mia denuncia di furto d'identità",
           "bureau-answer": "Copia della risposta ricevuta", "mail-receipt": "Prova di spedizione o di consegna",
           "credit-report": "Copia del mio rapporto di credito",
           "proof-of-authority": "Prova del mio potere di rappresentanza",
           "credit-commitment": "Il mio impegno firmato (信用修复承诺书)", "other": "Copia: {name}"},
    "zh": {"id": "本人身份证件复印件", "proof-of-address": "本人住址证明复印件", "police-report": "报案回执复印件",
           "ftc-report": "身份盗用报告复印件", "bureau-answer": "所收到答复的复印件", "mail-receipt": "邮寄或签收凭证",
           "credit-report": "信用报告复印件", "proof-of-authority": "代理权限证明",
           "credit-commitment": "本人签署的《信用修复承诺书》", "other": "{name}（复印件）"},
}


@dataclass(frozen=True)
class Requirement:
    """A document without which the letter has no legal effect. Met by any of `tags`."""

    key: str
    tags: frozenset[str]
    document_kinds: tuple[str, ...]  # the document kinds that meet it, for the upload link


REQUIREMENTS: dict[str, Requirement] = {r.key: r for r in (
    # FCRA §605B(a)(2), §605A(b)(1), §609(e)(2)(B): an identity theft report is a report filed with a
    # law enforcement agency (§603(q)(4)): the FTC's IdentityTheft.gov report or a police report.
    Requirement("itr", frozenset({"itr", "police"}), ("ftc-report", "police-report")),
    # FCRA §605B(a)(1) and §609(e)(2)(A): proof of identity.
    Requirement("id", frozenset({"id"}), ("id",)),
    # FCRA §605A(j): the representative's proof of authority (legal-rules.md §1.3).
    Requirement("authority", frozenset({"authority"}), ("proof-of-authority",)),
    # NDRC Order No. 36 (china-credit-repair.md D2): credit repair is applied for with a credit
    # commitment (信用承诺) beside the proof that the obligations were met.
    Requirement("commitment", frozenset({"commitment"}), ("credit-commitment",)),
)}


@dataclass(frozen=True)
class Entry:
    """One line of the letter's enclosure list; `document_id` when the packet carries the file."""

    line: str
    document_id: int | None = None


def _document_line(attached: dict, lang: str) -> str:
    table = DOCUMENT_LINES.get(lang) or DOCUMENT_LINES["en"]
    name = PurePosixPath(str(attached.get("name") or "")).stem or "document"
    return table.get(str(attached.get("kind")), table["other"]).format(name=name)


def option_line(tag: str, lang: str) -> str:
    option = OPTIONS[tag]
    return option.lines.get(lang) or option.lines["en"]


def entries(data: dict, lang: str) -> list[Entry]:
    """The enclosure list, in order: attached documents, ticked items, typed lines. A ticked item
    that an attached document already covers is not listed twice."""
    attached = [a for a in data.get("attached") or [] if isinstance(a, dict)]
    covered = {DOCUMENT_TAGS.get(str(a.get("kind")), "") for a in attached}
    out = [Entry(_document_line(a, lang), a.get("document_id")) for a in attached]
    out += [Entry(option_line(t, lang)) for t in data.get("enclose_self") or [] if t in OPTIONS and t not in covered]
    out += [Entry(str(line)) for line in data.get("enclosures") or [] if str(line).strip()]
    return out


def lines(data: dict, lang: str) -> list[str]:
    return [e.line for e in entries(data, lang)]


def tags(data: dict) -> set[str]:
    """What the envelope holds proof of."""
    found = {DOCUMENT_TAGS.get(str(a.get("kind")), "") for a in data.get("attached") or [] if isinstance(a, dict)}
    found |= {t for t in data.get("enclose_self") or [] if t in OPTIONS}
    return found - {""}


def missing(requires: tuple[str, ...], data: dict) -> list[Requirement]:
    """The requirements (of a letter kind) the envelope does not meet."""
    held = tags(data)
    return [REQUIREMENTS[key] for key in requires if not REQUIREMENTS[key].tags & held]


def problems(data: dict) -> list[tuple[str, str, str]]:
    """Shape errors in the enclosure data as (path, code, message): catalog.validate makes them
    Problems like its own."""
    errors = []
    ticked = data.get("enclose_self", [])
    if not isinstance(ticked, list) or any(t not in OPTIONS for t in ticked):
        errors.append(("enclose_self", "choice", "must be a list of enclosure options"))
    attached = data.get("attached", [])
    if not isinstance(attached, list) or not all(isinstance(a, dict) for a in attached):
        errors.append(("attached", "list", "must be a list of documents"))
    return errors
