from hypothesis import given, settings
from hypothesis import strategies as st

from app.reports.importers import import_report
from app.reports.importers.csv_format import write_csv
from app.reports.importers.json_format import write_json
from app.reports.model import Account, Inquiry, PersonalInfo, Report

words = st.from_regex(r"[A-Z][A-Z0-9 ,.]{0,12}[A-Z0-9]", fullmatch=True)
money = st.none() | st.decimals(min_value=0, max_value=10**6, places=2)
dates = st.none() | st.dates()
accounts = st.builds(Account, furnisher=words, account_number=st.none() | words,
                     status=st.none() | words, opened=dates, first_delinquency=dates,
                     balance=money, high_balance=money,
                     payment_history=st.lists(st.sampled_from(["OK", "30", "CO"]), max_size=4).map(tuple),
                     remarks=st.lists(words, max_size=2).map(tuple), medical=st.booleans(),
                     charge_off_amount=money, is_closed=st.booleans(), payment_history_as_of=dates,
                     contact_name=st.none() | words,
                     contact_address=st.lists(words, max_size=2).map(tuple),
                     contact_phone=st.none() | words)  # fmt: skip
iso_dates = st.dates().map(lambda d: d.isoformat())
reports = st.builds(
    Report, bureau=st.none() | words, pulled=dates, obtained=st.none() | words,
    personal=st.lists(st.builds(PersonalInfo, kind=st.sampled_from(["name", "address"]),
                                value=words, reported=dates), max_size=2).map(tuple),
    accounts=st.lists(accounts, max_size=3).map(tuple),
    inquiries=st.lists(st.builds(Inquiry, who=words, on=dates,
                                 kind=st.sampled_from(["hard", "soft"]),
                                 other_dates=st.lists(iso_dates, max_size=3).map(tuple)),
                       max_size=2).map(tuple),
)  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(reports)
def test_json_and_csv_exports_read_back_equal(report):
    for text, fmt in ((write_json(report), "json"), (write_csv(report), "csv")):
        result = import_report(text.encode(), fmt)
        assert result.report == report, fmt
        assert result.unread == ()
