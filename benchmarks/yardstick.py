"""The yardstick: a bare FastAPI + Jinja2 page rendering a 50-row table (issue 15).

    uvicorn --factory benchmarks.yardstick:create_app

No database, no session, no middleware: what the framework and the template engine alone cost on
this machine. `python -m benchmarks` serves it in the same run as Recourse and quotes ratios.
"""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment

TEMPLATE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Today</title></head><body><main>
<h1>Today</h1>
<table><thead><tr><th>Case</th><th>Client</th><th>Recipient</th><th>Due</th><th>State</th></tr></thead>
<tbody>{% for r in rows %}<tr><td><a href="/cases/{{ r.id }}">{{ r.number }}</a></td><td>{{ r.name }}</td>
<td>{{ r.recipient }}</td><td>{{ r.due.isoformat() }}</td><td>{{ r.state }}</td></tr>{% endfor %}</tbody>
</table></main></body></html>""")

ROWS = [{"id": n, "number": f"2026-{n:04d}", "name": f"Client {n}", "recipient": f"Bureau {n % 3}",
         "due": date(2026, 1, 1) + timedelta(days=n), "state": "waiting"} for n in range(50)]


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/today", response_class=HTMLResponse)
    def today() -> str:
        return TEMPLATE.render(rows=ROWS)

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True}

    return app
