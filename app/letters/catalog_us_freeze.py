"""US letters about freezes and alerts for someone else, and lifting a freeze (FCRA §605A(i)(3),
§605A(j), §605A(a)(1)). Text: templates/letters/us/<slug>.en.html.

Legal source: legal-rules.md §1.3 (freeze, lift, protected consumer) and legal-rules-addresses.md
§1(a) (mailing addresses; TransUnion's is UNVERIFIED). The freeze for one's own file is
us.security-freeze in catalog_us.py; the case page drafts it for all three bureaus at once.
"""

from app.letters.fields import Field, LetterKind

BUREAU = Field("bureau", "choice", "Which bureau this letter is for", choices=("equifax", "experian", "transunion"),
               help="Each bureau needs its own letter, sent to that bureau's freeze address. TransUnion's "
               "mailing address is not confirmed: check it at transunion.com/credit-freeze before sending.")

# The person the representative acts for (§605A(j) "protected consumer").
PROTECTED = (
    Field("protected_name", "text", "Full name of the child or the person you act for"),
    Field("protected_dob", "date", "Their date of birth"),
    Field("protected_ssn", "text", "Their Social Security number", required=False,
          help="The bureau uses it to find their file, or to create one. Give the last 4 digits, or the full "
          "number if you choose to: a bureau may ask for the full number before it can act. It is printed "
          "as you type it."),
    Field("protected_address", "text", "Their address, if it is not yours", required=False),
    Field("authority", "text", "How you may act for them",
          help="For example: I am the child's parent; I am the court-appointed guardian; I hold a power of "
          "attorney. Enclose the proof (birth certificate, court order or power of attorney)."),
)

FREEZE_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="us.security-freeze-lift",
        procedure_id="us.fcra.freeze-lift-mail",
        title="Lift or remove a security freeze by mail (FCRA §605A(i)(3))",
        jurisdiction="us",
        languages=("en",),
        purpose="Remove your freeze at one bureau, or lift it for a while (for example while a lender checks "
        "your credit). It is free. Online or by phone the bureau must act within one hour; by mail, within "
        "three business days after it gets your letter. Whether the bureaus take lift requests at their "
        "freeze address is not confirmed: check the bureau's website before sending.",
        fields=(
            BUREAU,
            Field("request", "choice", "What you ask for", choices=("remove-freeze", "lift-temporarily")),
            Field("lift_from", "date", "Lift it from", required=False, help="Only for a lift for a while."),
            Field("lift_until", "date", "Until", required=False, help="Only for a lift for a while."),
            Field("pin", "text", "PIN or password the bureau gave you, if any", required=False,
                  help="The law asks only for proper identification (§610), but a bureau may match your "
                  "request faster with it. It is printed in the letter."),
        ),
        example={"bureau": "experian", "request": "lift-temporarily", "lift_from": "2026-11-10",
                 "lift_until": "2026-11-24", "pin": ""},
        recipient_kinds=("cra",),
        enclosure_options=("id", "address"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.protected-consumer-freeze",
        procedure_id="us.fcra.protected-freeze-mail",
        title="Security freeze for a child or a person you represent (FCRA §605A(j))",
        jurisdiction="us",
        languages=("en",),
        purpose="As a parent, guardian or other representative, freeze the file of a child under 16, or of "
        "an incapacitated person or one with a court-appointed guardian or conservator. It is free. If the "
        "bureau has no file on them, it must create one and freeze it. Send one letter to each bureau, "
        "with proof of your authority and of identity.",
        fields=(
            BUREAU,
            *PROTECTED,
            Field("protected_is", "choice", "They are", choices=("under-16", "represented")),
        ),
        example={"bureau": "equifax", "protected_name": "Riley Example", "protected_dob": "2016-04-02",
                 "protected_ssn": "XXX-XX-4321", "protected_address": "",
                 "authority": "I am Riley's mother.", "protected_is": "under-16"},
        recipient_kinds=("cra",),
        enclosure_options=("authority", "protected-id", "id", "address"),
        # §605A(j): the bureau acts on "sufficient proof of authority" and of identification.
        requires=("authority", "id"),
    ),
    LetterKind(
        id="us.fraud-alert-representative",
        procedure_id="us.fcra.fraud-alert",
        title="Initial fraud alert for a child or a person you represent (FCRA §605A(a)(1))",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask one bureau to put a one-year fraud alert on the file of a child or a person you act "
        "for; it passes the alert on to the other two. Not yet confirmed by Recourse's legal notes: that a "
        "representative may ask (the words of §605A(a)(1)): check with an advocate. For a child under 16, "
        "a security freeze (§605A(j)) protects more.",
        fields=(
            *PROTECTED,
            Field("reason", "longtext", "Why you suspect fraud", required=False),
            Field("alert_phone", "text", "Phone number lenders should call to check", required=False,
                  help="The letter asks the bureau to put this number in the alert."),
        ),
        example={"protected_name": "Riley Example", "protected_dob": "2016-04-02",
                 "protected_ssn": "XXX-XX-4321", "protected_address": "", "authority": "I am Riley's mother.",
                 "reason": "A collection agency wrote to Riley about a phone account opened in her name.",
                 "alert_phone": "(217) 555-0100"},
        recipient_kinds=("cra",),
        enclosure_options=("authority", "protected-id", "id"),
    ),
)
