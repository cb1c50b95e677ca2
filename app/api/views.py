"""The owners' page for API tokens: create one (its secret is shown once, on the answer to the form,
never in a URL or a flash message), see when each was last used, revoke."""

from fastapi import APIRouter, Request

from app.api import tokens
from app.api.models import SCOPES
from app.deps import DB, Ctx
from app.errors import Invalid
from app.web import FormLists, redirect, render

router = APIRouter()


def _page(request: Request, session, ctx, *, form=None, errors=None, secret=None, status=200):
    return render(request, "api/token_list.html", {
        "tokens": tokens.list_tokens(session, ctx), "form": form or {"name": "", "scope": "read"},
        "errors": errors or {}, "secret": secret, "scopes": SCOPES,
    }, status=status)


@router.get("/settings/api-tokens")
def api_tokens(request: Request, session: DB, ctx: Ctx):
    return _page(request, session, ctx)


@router.post("/settings/api-tokens")
def api_token_create(request: Request, form: FormLists, session: DB, ctx: Ctx):
    name, scope = (form.get("name") or [""])[0], (form.get("scope") or [""])[0]
    try:
        _token, secret = tokens.create_token(session, ctx, name=name, scopes=[scope] if scope else [])
    except Invalid as exc:
        errors = {("scope" if k == "scopes" else k): v for k, v in exc.errors.items()}
        return _page(request, session, ctx, form={"name": name[:100], "scope": scope}, errors=errors, status=400)
    return _page(request, session, ctx, secret=secret)


@router.post("/settings/api-tokens/{token_id}/revoke")
def api_token_revoke(request: Request, session: DB, ctx: Ctx, token_id: int):
    tokens.revoke_token(session, ctx, token_id)
    return redirect(request, "/settings/api-tokens", flash="Token revoked. Programs using it can no longer sign in.")
