"""Calendar pages: the user's secret feed URL, the feed itself, and one proceeding's .ics."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.deps import DB, Ctx, SettingsDep
from app.errors import NotFound
from app.i18n import DEFAULT, LANGUAGES, translate
from app.proceedings.service import get_proceeding
from app.reminders import feeds
from app.web import app_settings, language, render, t

router = APIRouter()

ICS = "text/calendar; charset=utf-8"


@router.get("/calendar")
def calendar_page(request: Request, session: DB, ctx: Ctx):
    token = feeds.calendar_token(session, user=ctx.user)
    return render(request, "reminders/calendar.html", {"token": token, "feed_url": None})


@router.post("/calendar/regenerate")
def calendar_regenerate(request: Request, session: DB, ctx: Ctx):
    # The URL is shown once, in this response (never stored, never put in a cookie), so this
    # POST renders instead of redirecting.
    secret = feeds.regenerate_calendar_token(session, ctx)
    token = feeds.calendar_token(session, user=ctx.user)
    url = feeds.feed_url(app_settings(request), secret)
    return render(request, "reminders/calendar.html", {"token": token, "feed_url": url})


@router.get("/calendar/{token}.ics")
def calendar_feed(token: str, session: DB, settings: SettingsDep):
    user = feeds.user_for_calendar_token(session, token)
    if user is None:
        raise NotFound("calendar feed")
    lang = user.language if user.language in LANGUAGES else DEFAULT  # no session: the owner's saved language
    body = feeds.calendar_ics(settings, feeds.user_calendar_rows(session, user=user), name=translate(lang, "Recourse deadlines"),
                              lang=lang)
    return Response(body, media_type=ICS, headers={"content-disposition": 'inline; filename="recourse.ics"'})


@router.get("/proceedings/{proceeding_id}/deadlines.ics")
def proceeding_ics(request: Request, proceeding_id: int, session: DB, ctx: Ctx, settings: SettingsDep):
    proceeding = get_proceeding(session, ctx, proceeding_id)
    body = feeds.calendar_ics(settings, feeds.proceeding_calendar_rows(session, proceeding),
                              name=t(request, "Recourse: proceeding %(id)s", id=proceeding.id), lang=language(request))
    filename = f"proceeding-{proceeding.id}-deadlines.ics"
    return Response(body, media_type=ICS, headers={"content-disposition": f'attachment; filename="{filename}"'})
