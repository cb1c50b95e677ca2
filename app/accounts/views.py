"""Pages: first-run setup, sign up, sign in/out, password reset, the account page."""

from contextlib import suppress
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from sqlmodel import Session

from app.accounts import export as account_export
from app.accounts import service
from app.accounts import signup as signups
from app.deps import DB, SESSION_COOKIE, CurrentUser, OptionalUser, SettingsDep, audited_read
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.i18n import LANGUAGES, translate
from app.web import (
    LANG_COOKIE,
    FormData,
    app_settings,
    client_ip,
    language,
    redirect,
    render,
    rotate_csrf,
    set_cookie,
    t,
)
from app.workspaces import service as workspaces
from app.workspaces.models import WorkspaceKind

router = APIRouter()


def _safe_next(target: str | None) -> str:
    # Only local paths: never bounce a user to another site after sign-in.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _sign_in(request: Request, session: Session, user, target: str) -> Response:
    token = service.start_session(session, user=user, settings=app_settings(request),
                                  old_token=request.cookies.get(SESSION_COOKIE))
    rotate_csrf(request, token)  # the CSRF token now belongs to the new session
    response = redirect(request, target)
    max_age = app_settings(request).session_max_days * 86400
    set_cookie(request, response, SESSION_COOKIE, token, max_age=max_age)
    return response


def _signed_out(request: Request, url: str, *, flash: str) -> Response:
    rotate_csrf(request, None)
    response = redirect(request, url, flash=flash)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/healthz")
def healthz():
    return {"ok": True}


@router.get("/")
def home(request: Request, session: DB, user: OptionalUser):
    if user is not None:
        # A person handling their own credit starts at "What do you need?"; clinic staff at Today.
        ctx = workspaces.context_for(session, user, client_ip(request))
        return redirect(request, "/start" if ctx and ctx.workspace.kind == WorkspaceKind.personal else "/today")
    if not service.users_exist(session):
        return redirect(request, "/setup")
    return redirect(request, "/signin")


# ---- first run ------------------------------------------------------------------------------

@router.get("/setup")
def setup_form(request: Request, session: DB):
    if service.users_exist(session):
        return redirect(request, "/signin")
    return render(request, "accounts/setup.html", {"form": {"kind": "clinic"}})


@router.post("/setup")
def setup(request: Request, form: FormData, session: DB):
    if service.users_exist(session):
        return redirect(request, "/signin")
    return _create_account(request, session, form, template="accounts/setup.html", is_admin=True)


def _create_account(request: Request, session: Session, form: dict, *, template: str, is_admin: bool = False,
                    invite_token: str | None = None) -> Response:
    """First-run setup and sign-up through an invitation: the account is made and signed in at once
    (nobody exists yet, or the invitation link proved the address). Open sign-up confirms first."""
    ip = client_ip(request)
    errors: dict[str, str] = {}
    kind = form.get("kind", "")
    invitation = workspaces.find_invitation(session, invite_token) if invite_token else None
    if invitation and form.get("email", "").strip().lower() != invitation.email:
        errors["email"] = "Use the email address the invitation was sent to."
    if not invite_token and kind not in WorkspaceKind.__members__:
        errors["kind"] = "Choose one of the two options."
    if not invite_token and kind == WorkspaceKind.clinic and not form.get("workspace_name"):
        errors["workspace_name"] = "Give your clinic a name."
    fields = {"email": form.get("email", ""), "name": form.get("name", ""), "password": form.get("password", "")}
    try:
        if "email" in errors:  # another address than the invitation's: say nothing about it
            raise Invalid({**service.account_field_errors(**fields)[1], **errors})
        with session.begin_nested():
            user = service.create_user(session, **fields, is_admin=is_admin, ip=ip, language=language(request))
            if errors:
                raise Invalid(errors)
    except Invalid as exc:
        errors.update(exc.errors)
        form.pop("password", None)
        return render(request, template, {"form": form, "errors": errors, "invite_token": invite_token}, status=400)
    if invite_token:
        # An invitation that expired meanwhile still leaves a working account.
        with suppress(NotFound, Conflict, Forbidden):
            workspaces.accept_invitation(session, token=invite_token, user=user, ip=ip)
        return _sign_in(request, session, user, "/cases")
    name = form.get("workspace_name") or t(request, "My credit")
    workspaces.create_workspace(session, user=user, name=name, kind=kind, ip=ip)
    return _sign_in(request, session, user, _landing(kind))


def _landing(kind: str) -> str:
    return "/start" if kind == WorkspaceKind.personal else "/members"


# ---- sign up --------------------------------------------------------------------------------

@router.get("/signup")
def signup_form(request: Request, session: DB, invite: str = ""):
    if not service.users_exist(session):
        return redirect(request, "/setup")
    if not app_settings(request).open_signup and not invite:
        return render(request, "accounts/signup_closed.html", status=403)
    return render(request, "accounts/signup.html", {"form": {"kind": "personal"}, "invite_token": invite or None})


@router.post("/signup")
def signup(request: Request, form: FormData, session: DB):
    invite = form.get("invite_token") or None
    if invite and workspaces.find_invitation(session, invite) is None:
        invite = None
    if not app_settings(request).open_signup and not invite:
        return render(request, "accounts/signup_closed.html", status=403)
    if invite:
        return _create_account(request, session, form, template="accounts/signup.html", invite_token=invite)
    try:
        signups.request_signup(session, email=form.get("email", ""), name=form.get("name", ""),
                               password=form.get("password", ""), kind=form.get("kind", ""),
                               workspace_name=form.get("workspace_name", ""), language=language(request),
                               settings=app_settings(request), ip=client_ip(request))
    except (Invalid, service.TooManyEmails) as exc:
        form.pop("password", None)
        if isinstance(exc, Invalid):
            return render(request, "accounts/signup.html", {"form": form, "errors": exc.errors}, status=400)
        return render(request, "accounts/signup.html", {"form": form, "too_many": True}, status=429)
    # The same page whether the address is new (a confirmation link) or has an account (an email
    # saying so): the page never tells which.
    return redirect(request, "/signup/sent")


@router.get("/signup/sent")
def signup_sent(request: Request):
    return render(request, "accounts/signup_sent.html")


@router.get("/signup/confirm/{token}")
def signup_confirm_form(request: Request, session: DB, token: str):
    # A page with a button, not an action on GET: mail scanners that open links finish nothing.
    valid = signups.pending(session, token) is not None
    return render(request, "accounts/signup_confirm.html", {"token": token, "valid": valid},
                  status=200 if valid else 400)


@router.post("/signup/confirm/{token}")
def signup_confirm(request: Request, form: FormData, session: DB, token: str):
    if not app_settings(request).open_signup:
        return render(request, "accounts/signup_closed.html", status=403)
    ip = client_ip(request)
    try:
        done = signups.confirm_signup(session, token=token, password=form.get("password", ""), ip=ip)
    except Invalid as exc:
        return render(request, "accounts/signup_confirm.html",
                      {"token": token, "valid": "token" not in exc.errors, "errors": exc.errors}, status=400)
    except Conflict:
        return redirect(request, "/signin", flash="You already have an account with this email. Sign in.",
                        level="info")
    name = done.workspace_name or translate(done.user.language, "My credit")
    workspaces.create_workspace(session, user=done.user, name=name, kind=done.kind, ip=ip)
    return _sign_in(request, session, done.user, _landing(done.kind))


# ---- sign in / out --------------------------------------------------------------------------

@router.get("/signin")
def signin_form(request: Request, session: DB, user: OptionalUser, next: str = ""):
    if not service.users_exist(session):
        return redirect(request, "/setup")
    if user is not None:
        return redirect(request, _safe_next(next))
    return render(request, "accounts/signin.html", {"form": {"next": next},
                                                    "open_signup": app_settings(request).open_signup})


@router.post("/signin")
def signin(request: Request, form: FormData, session: DB):
    try:
        user = service.authenticate(session, email=form.get("email", ""), password=form.get("password", ""),
                                    ip=client_ip(request))
    except service.SignInError as exc:
        message = t(request, str(exc))
        if exc.wait_seconds:
            minutes = max(1, -(-exc.wait_seconds // 60))
            message += " " + t(request, "To protect this account, wait %(n)s minute(s) before trying again.", n=minutes)
        form.pop("password", None)
        # The failed attempt must be stored even though we show an error.
        return render(request, "accounts/signin.html", {"form": form, "signin_error": message,
                                                        "open_signup": app_settings(request).open_signup}, status=400)
    return _sign_in(request, session, user, _safe_next(form.get("next")))


@router.post("/signout")
def signout(request: Request, session: DB):
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.sign_out(session, token=token, ip=client_ip(request))
    return _signed_out(request, "/signin", flash="You are signed out.")


# ---- password reset -------------------------------------------------------------------------

@router.get("/password/forgot")
def forgot_form(request: Request):
    return render(request, "accounts/password_forgot.html")


@router.post("/password/forgot")
def forgot(request: Request, form: FormData, session: DB):
    try:
        service.request_password_reset(session, email=form.get("email", ""), settings=app_settings(request),
                                       ip=client_ip(request))
    except service.TooManyEmails:
        return render(request, "accounts/password_forgot.html", {"form": form, "too_many": True}, status=429)
    # Same answer whether or not the account exists, so the form cannot be used to find accounts;
    # the email itself leaves after the response (app.mail), so the time taken says nothing either.
    return render(request, "accounts/password_forgot.html", {"sent": True})


@router.get("/password/reset/{token}")
def reset_form(request: Request, session: DB, token: str):
    valid = service.valid_reset(session, token) is not None
    return render(request, "accounts/password_reset.html", {"token": token, "valid": valid},
                  status=200 if valid else 400)


@router.post("/password/reset/{token}")
def reset(request: Request, form: FormData, session: DB, token: str):
    try:
        service.reset_password(session, token=token, password=form.get("password", ""), ip=client_ip(request))
    except Invalid as exc:
        valid = "token" not in exc.errors
        return render(request, "accounts/password_reset.html",
                      {"token": token, "valid": valid, "errors": exc.errors}, status=400)
    return _signed_out(request, "/signin", flash="Your password was changed. Sign in with the new one.")


# ---- account --------------------------------------------------------------------------------

@router.get("/account")
def account(request: Request, user: CurrentUser):
    # The memberships the sign-in check read (app/deps.py), in the same order: no second query.
    return render(request, "accounts/account.html", {"memberships": request.state.memberships})


@router.post("/account/language")
def account_language(request: Request, form: FormData, session: DB, user: CurrentUser):
    if form.get("language") in LANGUAGES:
        user.language = form["language"]
    return redirect(request, "/account", flash="Saved.")


@router.post("/language")
def choose_language(request: Request, form: FormData, user: OptionalUser):
    lang = form.get("language", "")
    target = _safe_next(form.get("next"))
    response = redirect(request, target)
    if lang in LANGUAGES:
        if user is not None:
            user.language = lang
        set_cookie(request, response, LANG_COOKIE, lang, max_age=365 * 86400)
    return response


@router.get("/account/export")
@audited_read
def account_export_download(request: Request, session: DB, user: CurrentUser, settings: SettingsDep):
    archive = account_export.export_user(session, user=user, ip=client_ip(request), settings=settings,
                                         lang=language(request))
    filename = f"recourse-export-{user.id}.zip"
    # Streamed after the transaction commits: see app/consumers/archive.py.
    return StreamingResponse(archive.stream(), media_type="application/zip",
                             headers={"content-disposition": f"attachment; filename={quote(filename)}"})


@router.post("/account/delete")
def account_delete(request: Request, form: FormData, session: DB, user: CurrentUser):
    try:
        account_export.delete_account(session, user=user, password=form.get("password", ""),
                                      confirm=form.get("confirm", ""), ip=client_ip(request),
                                      settings=app_settings(request))
    except Invalid as exc:
        rows = workspaces.memberships(session, user)
        return render(request, "accounts/account.html", {"memberships": rows, "errors": exc.errors}, status=400)
    return _signed_out(request, "/signin", flash="Your account and its data were deleted.")
