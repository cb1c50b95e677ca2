"""China letters beyond the PBOC credit report: the court list of dishonest judgment debtors,
spending restrictions, credit repair and objections through Credit China, and PIPL deletion and
complaints (Simplified Chinese and English). Text: templates/letters/cn/<slug>.<lang>.html.

Source: ../shared/reference/china-credit-repair.md (see app/rules/procedures_cn_courts.py). The
letters cite only what those notes mark seen (V); points marked P or U are left out of the letters
or shown to the person as "check" in the purpose text. A court or local department is addressed
by name from the facts (`addressee_fact`): there is no directory of courts.
"""

from app.letters.catalog_cn import ID_COPY
from app.letters.fields import Field, LetterKind

_COURT = Field("court", "text", "The enforcing court (执行法院), as named in the listing",
               help="For example: 北京市朝阳区人民法院. Check the list first (中国执行信息公开网, zxgk.court.gov.cn).")
_COURT_ADDRESS = Field("court_address", "text", "The court's address (only if you post it)", required=False,
                       help="Leave empty if you hand it in at the court's filing or enforcement window.")
_CASE = Field("case_number", "text", "Enforcement case number (案号)",
              help="As shown in the listing or on the enforcement notice, e.g. （2025）京0105执1234号.")
_CHECK_FIRST = ("Before you write: look yourself up on the court list by name and ID number (third-party pages "
                "say at zxgk.court.gov.cn; not confirmed) and note the court, case number, the conduct listed and "
                "any fixed term. ")
_FREE = " Credit repair is free: do not pay agents who promise to delete records."

CN_COURT_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="cn.court-correction",
        procedure_id="cn.court.correction",
        title="Ask the court to correct a listing on the dishonest judgment debtor list (纠正申请, SPC Provisions Arts 11-12)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose=_CHECK_FIRST + "Then ask the enforcing court in writing to correct the listing: it must review "
                "within 15 days and, if your reasons are valid, correct it within 3 working days.",
        fields=(
            _COURT, _COURT_ADDRESS, _CASE,
            Field("listing_date", "date", "Date of the listing (if shown)", required=False),
            Field("ground", "choice", "Why the listing is wrong",
                  choices=("should-not-be-listed", "wrong-information", "should-have-been-deleted"),
                  help="Art 11: (1) you should not have been listed; (2) the published information is wrong; "
                       "(3) it should already have been deleted."),
            Field("reasons", "longtext", "Your facts and reasons"),
        ),
        example={"court": "示例市示例区人民法院", "court_address": "", "case_number": "（2025）示0105执1234号",
                 "listing_date": "2026-06-10", "ground": "should-not-be-listed",
                 "reasons": "本人已于2026年5月20日向法院提供了足额担保（见所附担保书及法院收据），不属于有履行能力而拒不履行"
                            "生效法律文书确定义务的情形。"},
        recipient_kinds=(),
        suggested_enclosures=(ID_COPY, "担保书及法院收据复印件", "失信被执行人名单查询结果截图"),
        needs_full_id=True,
        addressee_fact="court",
    ),
    LetterKind(
        id="cn.court-reconsideration",
        procedure_id="cn.court.reconsideration",
        title="Ask the higher court to reconsider a rejected correction (复议申请, SPC Provisions Art 12)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="If the enforcing court rejected your correction, apply to the next-higher court within 10 days "
                "of being served the decision; it decides within 15 days. The listing stays in force meanwhile.",
        fields=(
            Field("higher_court", "text", "The next-higher court (上一级人民法院)"),
            Field("higher_court_address", "text", "Its address (only if you post it)", required=False),
            _COURT, _CASE,
            Field("decision_number", "text", "Number of the rejection decision (决定书文号)", required=False),
            Field("decision_served_on", "date", "Date the rejection decision was served on you (送达)"),
            Field("reasons", "longtext", "Why the rejection is wrong"),
        ),
        example={"higher_court": "示例市中级人民法院", "higher_court_address": "", "court": "示例市示例区人民法院",
                 "case_number": "（2025）示0105执1234号", "decision_number": "（2026）示0105执异56号",
                 "decision_served_on": "2026-10-26",
                 "reasons": "原决定认为本人有履行能力，但本人提供的担保足以清偿全部债务，依法不应将本人纳入失信被执行人名单。"},
        recipient_kinds=(),
        suggested_enclosures=(ID_COPY, "驳回决定书复印件", "担保书及法院收据复印件"),
        needs_full_id=True,
        addressee_fact="higher_court",
    ),
    LetterKind(
        id="cn.court-deletion",
        procedure_id="cn.court.deletion",
        title="Ask the court to delete a listing when its grounds have ended (删除失信信息, SPC Provisions Arts 2, 10)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="When you have paid, the settlement was fully performed, or another Art 10 ground applies, the "
                "court must delete the listing within 3 working days. For a fixed-term listing, paying makes early "
                "deletion possible but not mandatory (Art 2). Ask to lift the spending restriction too.",
        fields=(
            _COURT, _COURT_ADDRESS, _CASE,
            Field("deletion_ground", "choice", "The ground", choices=(
                "performed", "settlement-performed", "creditor-request", "no-assets", "suspended",
                "not-enforced", "terminated", "term-expired", "early-deletion"),
                help="Art 10 lists when the court must delete a listing. A fixed-term listing is deleted when its "
                     "term ends; before that, paying makes early deletion possible, at the court's discretion "
                     "(Art 2 para 2)."),
            Field("details", "longtext", "What happened, with dates"),
            Field("also_lift_restriction", "bool", "Also ask to lift the spending restriction (限制消费令)",
                  required=False),
        ),
        example={"court": "示例市示例区人民法院", "court_address": "", "case_number": "（2025）示0105执1234号",
                 "deletion_ground": "performed",
                 "details": "本人已于2026年10月15日通过法院执行款账户全额支付执行标的款及利息共计86,400元（见所附缴款凭证）。",
                 "also_lift_restriction": True},
        recipient_kinds=(),
        suggested_enclosures=(ID_COPY, "执行款缴款凭证复印件"),
        needs_full_id=True,
        addressee_fact="court",
    ),
    LetterKind(
        id="cn.spending-restriction-lift",
        procedure_id="cn.court.spending-restriction",
        title="Ask the court to lift a spending restriction (解除限制消费, SPC Provisions Art 9)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask the enforcing court to lift a spending restriction: it must do so promptly once you have "
                "fully performed, and may do so if you give security or the creditor agrees. The law sets no "
                "number of days.",
        fields=(
            _COURT, _COURT_ADDRESS, _CASE,
            Field("lift_ground", "choice", "The ground", choices=("performed", "security", "creditor-consent")),
            Field("details", "longtext", "What happened, with dates"),
        ),
        example={"court": "示例市示例区人民法院", "court_address": "", "case_number": "（2025）示0105执1234号",
                 "lift_ground": "performed",
                 "details": "本人已于2026年10月15日全额履行生效法律文书确定的义务（见所附缴款凭证）。"},
        recipient_kinds=(),
        suggested_enclosures=(ID_COPY, "执行款缴款凭证复印件"),
        needs_full_id=True,
        addressee_fact="court",
    ),
    LetterKind(
        id="cn.credit-repair",
        procedure_id="cn.publiccredit.repair",
        title="Credit repair of public credit information through Credit China (信用修复申请, NDRC Order No. 36)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="After the minimum publication period, and once you have met your obligations, ask for an "
                "administrative penalty or other negative public credit information to stop being published. "
                "Apply online at creditchina.gov.cn beside the record, or at a government service window, with "
                "a credit commitment letter. The periods come from news summaries: check them." + _FREE,
        fields=(
            Field("authority", "text", "The authority that made the decision (认定单位)", required=False),
            Field("record", "longtext", "The record shown on Credit China"),
            Field("decision_number", "text", "Decision document number (文号)", required=False),
            Field("decision_date", "date", "Date of the decision document"),
            Field("severity", "choice", "How the record is classed", choices=("minor", "general", "serious"),
                  help="As the decision or Credit China classes it. The publication periods come from news "
                       "reports of Order 36: check them."),
            Field("corrected", "longtext", "How you met your obligations and corrected the conduct"),
        ),
        example={"authority": "示例市市场监督管理局", "record": "行政处罚：未按规定公示年度报告，罚款2,000元。",
                 "decision_number": "示市监罚〔2026〕88号", "decision_date": "2026-03-02", "severity": "general",
                 "corrected": "本人已于2026年3月20日缴清全部罚款，并于2026年3月25日补报公示了年度报告。"},
        recipient_kinds=("regulator",),
        suggested_enclosures=(ID_COPY, "罚款缴纳凭证复印件", "年度报告补报截图"),
        enclosure_options=("commitment",),
        # Order No. 36: repair is applied for with a signed credit commitment (the letter says it is enclosed).
        requires=("commitment",),
        needs_full_id=True,
    ),
    LetterKind(
        id="cn.publiccredit-objection",
        procedure_id="cn.publiccredit.objection",
        title="Objection to public credit information (异议申诉, 国办发〔2025〕22号)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Tell Credit China or the authority that published it that public credit information about you "
                "is wrong, is shown longer than allowed, or that a repair result is wrong. No national number of "
                "days was found; some local regulations set one.",
        fields=(
            Field("authority", "text", "The authority that published it (if not Credit China)", required=False),
            Field("record", "longtext", "The record as shown"),
            Field("problem", "choice", "What is wrong",
                  choices=("wrong", "over-time", "wrongly-listed", "repair-result")),
            Field("details", "longtext", "Your facts and evidence"),
            Field("correct_to", "text", "What should happen (correct it to... / stop publishing it)"),
        ),
        example={"authority": "", "record": "严重失信主体名单：2024年5月列入，列入原因：拖欠税款。",
                 "problem": "wrong",
                 "details": "所列税款本人已于2024年4月28日全部缴清（见完税证明），列入名单时已无欠税。",
                 "correct_to": "将本人移出严重失信主体名单并停止公示该信息"},
        recipient_kinds=("regulator",),
        suggested_enclosures=(ID_COPY, "完税证明复印件"),
        needs_full_id=True,
        choice_labels={"wrong": "The information is wrong", "over-time": "It is still published after its period ended",
                       "wrongly-listed": "I should not be on this list",
                       "repair-result": "The result of my credit repair is wrong"},
    ),
    LetterKind(
        id="cn.pipl-deletion",
        procedure_id="cn.pipl.deletion",
        title="Deletion of your personal information (China, PIPL Art. 47)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Ask a company to delete personal information it no longer needs, keeps beyond its retention "
                "period, or processes unlawfully or without your consent.",
        fields=(
            Field("account", "text", "Your account, customer number or registered phone number", required=False),
            Field("information", "longtext", "Which information to delete"),
            Field("ground", "choice", "Why it must be deleted", choices=(
                "purpose-achieved", "service-ended", "retention-expired", "consent-withdrawn", "unlawful")),
            Field("details", "longtext", "Your facts", required=False),
        ),
        example={"account": "注册手机号138****0000", "information": "本人的借款申请资料、通讯录信息及贵公司据此生成的信用评分。",
                 "ground": "service-ended", "details": "本人已于2025年12月注销在贵公司的账户，此后未再使用贵公司的任何服务。"},
        recipient_kinds=("controller", "creditor", "credit-agency"),
        suggested_enclosures=(ID_COPY,),
        choice_labels={"consent-withdrawn": "I withdrew my consent (Art. 47(3))",
                       "unlawful": "It processes the information against the law or our agreement (Art. 47(4))"},
    ),
    LetterKind(
        id="cn.pipl-complaint",
        procedure_id="cn.pipl.complaint",
        title="Complaint about unlawful processing of personal information (China, PIPL Art. 65)",
        jurisdiction="cn",
        languages=("zh", "en"),
        purpose="Complain to the department responsible for personal information protection (for example the "
                "local cyberspace administration) about a company's unlawful processing. The departments must "
                "publish how to contact them; check that before you send.",
        fields=(
            Field("department", "text", "The department you complain to",
                  help="For example: 示例省互联网信息办公室 (the provincial cyberspace administration)."),
            Field("department_address", "text", "Its address (only if you post it)", required=False),
            Field("company", "text", "The company you complain about"),
            Field("company_address", "text", "Its address", required=False),
            Field("what_happened", "longtext", "What happened (dates, what you asked, what it did)"),
            Field("requests", "list", "What you ask the department to do", help="One request per line."),
        ),
        example={"department": "示例省互联网信息办公室", "department_address": "", "company": "示例科技有限公司",
                 "company_address": "示例市示例区示例路100号",
                 "what_happened": "本人于2026年9月1日书面要求该公司删除本人已注销账户的个人信息，该公司至今未答复，"
                                  "并继续向本人发送营销短信。",
                 "requests": ["依法核查该公司处理本人个人信息的行为", "责令该公司删除本人的个人信息", "将处理结果告知本人"]},
        recipient_kinds=("regulator",),
        suggested_enclosures=(ID_COPY, "2026年9月1日删除请求及寄送凭证", "营销短信截图"),
        addressee_fact="department",
    ),
)
