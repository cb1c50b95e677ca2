"""Engine messages (app/messages.py): stored as parts, rendered in the reader's language."""

from datetime import date

from app import i18n, messages
from app.i18n_extract import python_messages
from app.messages import M, Message


def test_round_trip_keeps_parts():
    parts = [M("Counting starts the next day; day %(n)s is %(day)s.", n=30, day=date(2027, 1, 8)),
             M("Plain."), M("Nested %(inner)s", inner=M("inner %(x)s", x="y"))]
    again = messages.load(messages.dump(parts))
    assert again == parts
    assert messages.load(messages.dump(parts[0])) == parts[0]
    assert messages.load(messages.dump([])) == [] and messages.load("") is None


def test_render_formats_dates_per_language():
    m = M("Counting starts the next day; day %(n)s is %(day)s.", n=30, day=date(2027, 1, 8))
    assert m.render("en") == "Counting starts the next day; day 30 is Friday 8 January 2027."
    assert "viernes 8 de enero de 2027" in messages.day_text(date(2027, 1, 8), "es")
    # An id with no translation falls back to the English text, never to an empty string.
    assert M("No such message %(n)s", n=1).render("es") == "No such message 1"


def test_render_uses_the_catalog(monkeypatch):
    monkeypatch.setitem(i18n.catalog("es"), "Hello %(who)s", "Hola %(who)s")
    assert messages.render([M("Hello %(who)s", who="Ana"), Message("")], "es") == "Hola Ana"


def test_extractor_finds_engine_messages(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "engine.py").write_text(
        'x = M("Day %(n)s.", n=1)\ny = Message("Plain.")\nz = other("Not this")\n', encoding="utf-8")
    assert python_messages(tmp_path) == {"Day %(n)s.", "Plain."}
