"""Messages the pure engines (app/rules, app/reports) write for people to read, kept as a message
id and its parameters rather than as an English sentence, so each page renders them in the reader's
language (app/locale/<lang>.po, through app.i18n) and the database stores the parts, not the text.

    M("Counting starts the next day; day %(n)s is %(day)s.", n=30, day=date(2027, 1, 8))

The message id is the English text with %(name)s placeholders, like every other UI message, and
tests/test_i18n.py checks that every literal id given to `M(...)`/`Message(...)` is translated.
A parameter can be text, a number, a date (written out in the reader's language with Babel), a
nested Message (translated too), or a list of Messages (joined with spaces).

Stored form (JSON): `["msgid", {"param": value}]`; dates as `{"date": "2027-01-08"}`, nested messages
as `{"msg": [...]}`. `dump()`/`load()` convert a message or a list of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from babel.dates import format_date

from app import i18n

# How a day is written inside a sentence, per language: "Friday 8 January 2027",
# "viernes 8 de enero de 2027". Other languages use Babel's full format.
DAY_PATTERNS = {"en": "EEEE d MMMM y", "es": "EEEE d 'de' MMMM 'de' y"}


@lru_cache(maxsize=8192)
def day_text(day: date, lang: str) -> str:
    pattern = DAY_PATTERNS.get(lang)
    return format_date(day, format=pattern or "full", locale=lang or i18n.DEFAULT)


@dataclass(frozen=True)
class Message:
    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str = i18n.DEFAULT) -> str:
        text = i18n.catalog(lang).get(self.msgid, self.msgid) if lang != i18n.DEFAULT else self.msgid
        if not self.params:
            return text
        return text % {k: _param(v, lang) for k, v in self.params.items()}

    def __str__(self) -> str:  # English, for logs, the CLI and anything not yet translated
        return self.render(i18n.DEFAULT)

    def to_json(self) -> list:
        return [self.msgid, {k: _dump_param(v) for k, v in self.params.items()}] if self.params else [self.msgid]


def M(msgid: str, /, **params: Any) -> Message:  # noqa: N802 - reads like gettext's _()
    return Message(msgid, params)


def _param(value: Any, lang: str) -> str:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, date):
        return day_text(value, lang)
    if isinstance(value, list | tuple):
        return render(value, lang)
    return str(value)


def _dump_param(value: Any) -> Any:
    if isinstance(value, Message):
        return {"msg": value.to_json()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, list | tuple):
        return {"msgs": [m.to_json() for m in value]}
    return value


def _load_param(value: Any) -> Any:
    if isinstance(value, dict):
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "msg" in value:
            return _load_one(value["msg"])
        if "msgs" in value:
            return [_load_one(m) for m in value["msgs"]]
    return value


def _load_one(data: Any) -> Message:
    if isinstance(data, str):  # plain text stored before messages had parts
        return Message(data)
    msgid = data[0]
    params = data[1] if len(data) > 1 and isinstance(data[1], Mapping) else {}
    return Message(msgid, {k: _load_param(v) for k, v in params.items()})


def render(messages: Message | Iterable[Message] | str | None, lang: str = i18n.DEFAULT) -> str:
    """One message, or several joined with spaces, in `lang`. Plain strings are translated as msgids."""
    if messages is None:
        return ""
    if isinstance(messages, str):
        return i18n.translate(lang, messages) if messages else ""
    if isinstance(messages, Message):
        return messages.render(lang)
    return " ".join(t for t in (render(m, lang) for m in messages) if t)


def dump(messages: Message | Iterable[Message]) -> str:
    """JSON text for a database column."""
    if isinstance(messages, Message):
        return json.dumps(messages.to_json(), ensure_ascii=False)
    return json.dumps([m.to_json() for m in messages], ensure_ascii=False)


def load(text: str | None) -> Message | list[Message] | None:
    """The inverse of dump(); None for an empty column. A list of messages comes back as a list."""
    if not text:
        return None
    data = json.loads(text)
    if data == []:
        return []
    if isinstance(data[0], list):  # several messages, each ["msgid", {params}]
        return [_load_one(m) for m in data]
    return _load_one(data)
