"""Imported once by the fork server of app/limits.py (its WARM_MODULES), never by the app: the
letter layouts are compiled, the date formats loaded and WeasyPrint's fonts set up here, so each
child process that fills in a workspace's wording or makes its PDF starts warm."""

from app.letters import overrides, render  # noqa: F401 - overrides: imported to be warm
from app.pdf import html_to_pdf

render.warm_up()
html_to_pdf("<p>Recourse</p>")
