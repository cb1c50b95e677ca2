"""China letters (Simplified Chinese and English). Text: templates/letters/cn/<slug>.<lang>.html.

Sources: legal-rules.md §5 and legal-rules-addresses.md §4 (verbatim 《征信业管理条例》 Arts 17, 25,
26, 31, 32 and PIPL Arts 45, 46, 50, 65). The letters leave out what those notes mark UNVERIFIED:
the ¥10 counter fee, article texts of the 2021 PBOC Measures, and the street addresses of the
Credit Reference Center, Baihang and Pudao.
"""

from app.letters.fields import Field, LetterKind

# Who receives a credit-reporting letter. Art 32 of the Regulation applies Arts 17, 25 and 26 to
# the operator of the financial credit information database (the PBOC Credit Reference Center).
CREDIT_RECIPIENT = Field(
    "recipient_type", "choice", "Who you are writing to",
    choices=("pboc-credit-reference-center", "credit-agency", "information-provider"),
    help="The PBOC Credit Reference Center (征信中心); another licensed credit agency such as Baihang or "
         "Pudao (征信机构); or the bank or lender that reported the record (信息提供者).",
)

OBJECTION_ITEM_FIELDS = (
    Field("institution", "text", "Institution shown for the record (bank, lender or other provider)"),
    Field("account", "text", "Account or business number shown (last 4 is enough)", required=False),
    Field("problem", "choice", "The record is", choices=("wrong", "missing")),
    Field("what_is_wrong", "longtext", "What the report shows now (or what is missing)"),
    Field("why", "longtext", "Why it is wrong, and your evidence"),
    Field("correct_to", "text", "What it should say (or: delete the record)"),
)

CORRECTION_ITEM_FIELDS = (
    Field("information", "text", "Which information (for example: address, repayment record)"),
    Field("current", "longtext", "What they hold now (leave empty if it is missing)", required=False),
    Field("correct_to", "longtext", "What it should say"),
    Field("evidence", "text", "Your evidence", required=False),
)

ID_COPY = "本人居民身份证正反面复印件"
COMPLAINT_FORM = "《征信投诉申请单》（已填写）"

# The 20 days of Art 25 and the 10 working days to accept a complaint run from receipt
# (legal-rules.md §5), so the person needs proof of the day it arrived.
REGISTERED_MAIL = ("Send it by registered mail (挂号信) and keep the receipt: the time limit runs from the day "
                   "they receive it.")

CN_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="cn.report-request",
        procedure_id="cn.credit.report",
        title="Request for your personal credit report (China, Credit Reporting Regulation Art. 17)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask the PBOC Credit Reference Center or a licensed credit agency for your credit report; "
                "two reports a year are free.",
        fields=(
            Field("recipient_type", "choice", "Who you are writing to",
                  choices=("pboc-credit-reference-center", "credit-agency"),
                  help="The PBOC Credit Reference Center (征信中心) or another licensed credit agency (征信机构)."),
            Field("free_this_year", "bool", "I have had fewer than two reports from them this year", required=False,
                  help="Art. 17 gives two free reports a year. If you have used both, the letter asks to be "
                       "told any fee first."),
            Field("delivery", "choice", "How you want to receive the report", required=False,
                  choices=("post", "collect")),
        ),
        example={"recipient_type": "pboc-credit-reference-center", "free_this_year": True, "delivery": "post"},
        recipient_kinds=("credit-agency",),
        suggested_enclosures=(ID_COPY,),
        needs_full_id=True,
    ),
    LetterKind(
        id="cn.objection",
        procedure_id="cn.credit.objection",
        title="Objection to a wrong or missing credit record (China, 异议申请, Credit Reporting Regulation Art. 25)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Tell the credit agency or the bank that a record is wrong or missing; they must mark it as "
                "disputed, check it within 20 days and answer you in writing. " + REGISTERED_MAIL,
        fields=(
            CREDIT_RECIPIENT,
            Field("items", "items", "The records you object to", item_fields=OBJECTION_ITEM_FIELDS,
                  help="One entry per wrong or missing record."),
            Field("report_date", "date", "Date of the credit report you read", required=False),
            Field("report_number", "text", "Report number (报告编号)", required=False),
        ),
        example={
            "recipient_type": "pboc-credit-reference-center",
            "report_date": "2026-10-20",
            "report_number": "2026102000001234567890",
            "items": [
                {"institution": "示例商业银行股份有限公司", "account": "尾号6789",
                 "problem": "wrong",
                 "what_is_wrong": "信用卡账户显示2026年3月逾期一期，逾期金额1,280元。",
                 "why": "本人已于2026年3月2日按时全额还款，还款日为3月5日。所附银行流水显示该笔款项当日到账。",
                 "correct_to": "2026年3月还款状态更正为正常还款"},
                {"institution": "示例消费金融有限公司", "account": "",
                 "problem": "wrong",
                 "what_is_wrong": "报告显示一笔2025年8月发放的个人消费贷款，余额15,000元。",
                 "why": "本人从未向该公司申请或签订任何贷款合同，亦未收到该笔款项，怀疑他人冒用本人身份。",
                 "correct_to": "删除该笔贷款记录"},
            ],
        },
        recipient_kinds=("credit-agency", "furnisher", "creditor"),
        suggested_enclosures=(ID_COPY, "信用报告相关页复印件（异议信息已标出）",
                              "2026年3月银行流水（显示还款到账）"),
        needs_full_id=True,
    ),
    LetterKind(
        id="cn.pipl-automated-decision",
        procedure_id="cn.pipl.automated-decision",
        title="Explanation or refusal of an automated decision (China, PIPL Art. 24)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask a company to explain an automated decision that seriously affects you (for example a "
                "refused loan), and refuse a decision made only by automated means.",
        fields=(
            Field("decision", "longtext", "The decision (what was decided)"),
            Field("decision_date", "date", "Date of the decision", required=False),
            Field("application_ref", "text", "Application, account or order number", required=False),
            Field("impact", "longtext", "How the decision significantly affects you",
                  help="Art. 24 applies to decisions with a significant impact on your rights and interests."),
            Field("refuse", "bool", "Refuse a decision made solely by automated means and ask for a review by a person",
                  required=False),
            Field("ask_data", "bool", "Also ask for a copy of the personal information used (PIPL Art. 45)",
                  required=False),
        ),
        example={
            "decision": "贵公司通过手机应用拒绝了本人的个人消费贷款申请，并将本人的授信额度由20,000元降为0元。",
            "decision_date": "2026-10-15",
            "application_ref": "SQ20261015008812",
            "impact": "该决定使本人无法获得所需贷款，并可能影响本人在其他机构的借款申请。",
            "refuse": True,
            "ask_data": True,
        },
        recipient_kinds=("creditor", "controller", "credit-agency"),
        suggested_enclosures=(ID_COPY, "拒绝通知的截图"),
    ),
    LetterKind(
        id="cn.pipl-access",
        procedure_id="cn.pipl.access",
        title="Access to and copy of your personal information (China, PIPL Art. 45)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask a company to let you see and copy the personal information it holds about you.",
        fields=(
            Field("account", "text", "Your account, customer number or registered phone number", required=False),
            Field("scope", "longtext", "Information you especially want (optional)", required=False,
                  help="For example: repayment records, scores or ratings, call recordings."),
            Field("ask_rules", "bool", "Also ask them to explain their processing rules (PIPL Art. 48)",
                  required=False),
        ),
        example={
            "account": "注册手机号138****0000",
            "scope": "本人的借款及还款记录、贵公司对本人作出的信用评分或评级，以及贵公司向第三方提供本人信息的记录。",
            "ask_rules": True,
        },
        recipient_kinds=("controller", "creditor", "credit-agency"),
        suggested_enclosures=(ID_COPY,),
    ),
    LetterKind(
        id="cn.pipl-correction",
        procedure_id="cn.pipl.correction",
        title="Correction or completion of your personal information (China, PIPL Art. 46)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask a company to check and correct or complete wrong or incomplete personal information.",
        fields=(
            Field("account", "text", "Your account, customer number or registered phone number", required=False),
            Field("items", "items", "The information to correct or complete", item_fields=CORRECTION_ITEM_FIELDS,
                  help="One entry per piece of information."),
        ),
        example={
            "account": "客户号 C0012345678",
            "items": [
                {"information": "居住地址", "current": "上海市浦东新区示例路88号",
                 "correct_to": "北京市朝阳区示例路1号（本人自2025年起居住于此）",
                 "evidence": "居住证复印件"},
                {"information": "2026年3月还款记录", "current": "逾期",
                 "correct_to": "按时还款（2026年3月2日已全额还款）",
                 "evidence": "2026年3月银行流水"},
            ],
        },
        recipient_kinds=("controller", "creditor", "credit-agency"),
        suggested_enclosures=(ID_COPY, "居住证复印件", "2026年3月银行流水"),
    ),
    LetterKind(
        id="cn.pboc-complaint",
        procedure_id="cn.pboc.complaint",
        title="Complaint to the local People's Bank of China branch (China, 征信投诉, Credit Reporting Regulation Art. 26)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Complain to the PBOC branch for the place where the company is located (not where you live) "
                "that a credit agency, bank or other user of credit information has infringed your rights. "
                "The 2024 complaint rules ask for the branch's complaint form (《征信投诉申请单》), your ID and "
                "your evidence with the letter. " + REGISTERED_MAIL,
        fields=(
            Field("respondent", "text", "Company you complain about"),
            Field("respondent_address", "text", "Its address", required=False),
            Field("respondent_type", "choice", "It is", choices=(
                "pboc-credit-reference-center", "credit-agency", "information-provider", "information-user"),
                help="Credit Reference Center; a licensed credit agency; the bank or lender that reported the "
                     "record (信息提供者); or a company that used your credit information (信息使用者)."),
            Field("facts", "longtext", "What happened (dates, what you asked, what they did)"),
            Field("requests", "list", "What you ask the branch to do", help="One request per line."),
            Field("objection_date", "date", "Date of your earlier objection to them", required=False),
            Field("objection_reference", "text", "Reference of your earlier objection", required=False),
        ),
        example={
            "respondent": "示例商业银行股份有限公司",
            "respondent_address": "北京市西城区示例大街100号",
            "respondent_type": "information-provider",
            "facts": ("本人于2026年3月2日按时全额归还信用卡（尾号6789）欠款，但该行向金融信用信息基础数据库报送了"
                      "本人2026年3月逾期一期的信息。\n"
                      "本人于2026年9月1日向该行提出书面异议并附还款凭证。该行至今未作书面答复，也未更正该记录。\n"
                      "该错误记录导致本人2026年10月的住房贷款申请被另一家银行拒绝。"),
            "requests": ["依法对被投诉机构报送错误信息、未按规定处理异议的行为进行核查和处理",
                         "督促被投诉机构更正本人2026年3月的还款记录",
                         "将核查和处理结果书面答复本人"],
            "objection_date": "2026-09-01",
            "objection_reference": "RC-2026-0000-01",
        },
        recipient_kinds=("regulator",),
        suggested_enclosures=(COMPLAINT_FORM, ID_COPY, "信用报告相关页复印件", "2026年9月1日异议申请书及邮寄凭证",
                              "2026年3月银行流水（显示还款到账）", "住房贷款申请被拒的通知"),
        needs_full_id=True,
    ),
)
