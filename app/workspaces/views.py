"""Pages: workspaces (create, switch), members and invitations."""

from fastapi import APIRouter, Request

from app.consumers.service import list_consumers
from app.deps import DB, Ctx, CurrentUser, OptionalUser
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.tenancy import get_member, get_scoped
from app.web import FormData, app_settings, client_ip, language, redirect, render, t
from app.workspaces import service
from app.workspaces.models import Invitation, Role, Workspace

router = APIRouter()


@router.get("/workspaces")
def workspace_list(request: Request, session: DB, user: CurrentUser):
    return render(request, "workspaces/workspace_list.html", {"memberships": service.memberships(session, user)})


@router.get("/workspaces/new")
def workspace_new_form(request: Request, user: CurrentUser):
    return render(request, "workspaces/workspace_new.html", {"form": {"kind": "personal"}})


@router.post("/workspaces/new")
def workspace_new(request: Request, form: FormData, session: DB, user: CurrentUser):
    name = form.get("workspace_name") or (t(request, "My credit") if form.get("kind") == "personal" else "")
    try:
        service.create_workspace(session, user=user, name=name, kind=form.get("kind", ""), ip=client_ip(request))
    except Invalid as exc:
        return render(request, "workspaces/workspace_new.html", {"form": form, "errors": exc.errors}, status=400)
    return redirect(request, "/cases", flash="Workspace created.")


@router.post("/workspaces/switch")
def workspace_switch(request: Request, form: FormData, session: DB, user: CurrentUser):
    try:
        workspace_id = int(form.get("workspace_id", ""))
    except ValueError as exc:
        raise NotFound("workspace") from exc
    service.switch(session, user=user, workspace_id=workspace_id)
    return redirect(request, "/cases", flash="Switched workspace.")


def _members_page(request: Request, session, ctx, *, form=None, errors=None, status=200, extra=None):
    return render(request, "workspaces/member_list.html", {
        **(extra or {}),
        "members": service.list_members(session, ctx),
        "invitations": service.pending_invitations(session, ctx),
        "consumers": list_consumers(session, ctx),
        "roles": list(Role),
        "form": form or {"role": Role.advocate},
        "errors": errors or {},
    }, status=status)


@router.get("/members")
def member_list(request: Request, session: DB, ctx: Ctx):
    ctx.require(Role.owner, Role.advocate)
    return _members_page(request, session, ctx)


@router.post("/members/invite")
def member_invite(request: Request, form: FormData, session: DB, ctx: Ctx):
    ctx.require(Role.owner)
    settings = app_settings(request)
    consumer_id = int(form["consumer_id"]) if form.get("consumer_id", "").isdigit() else None
    try:
        _invitation, link = service.invite(session, ctx, email=form.get("email", ""), role=form.get("role", ""),
                                           consumer_id=consumer_id, settings=settings, lang=language(request))
    except Invalid as exc:
        return _members_page(request, session, ctx, form=form, errors=exc.errors, status=400)
    if settings.smtp_host:  # the email leaves once this request has committed
        return redirect(request, "/members", flash="Invitation sent.")
    # No mail server: show the link once so the owner can pass it on by hand (it is in the log too).
    return _members_page(request, session, ctx, extra={"invite_link": link})


@router.post("/members/{member_id}/role")
def member_role(request: Request, form: FormData, session: DB, ctx: Ctx, member_id: int):
    get_member(session, ctx, member_id)  # another workspace's member is a 404, before any role check
    ctx.require(Role.owner)
    consumer_id = int(form["consumer_id"]) if form.get("consumer_id", "").isdigit() else None
    try:
        service.change_role(session, ctx, member_id=member_id, role=form.get("role", ""), consumer_id=consumer_id)
    except Invalid as exc:
        return _members_page(request, session, ctx, status=400,
                             extra={"row_errors": {member_id: next(iter(exc.errors.values()))}})
    return redirect(request, "/members", flash="Role changed.")


@router.get("/members/{member_id}/remove")
def member_remove_confirm(request: Request, session: DB, ctx: Ctx, member_id: int):
    """Removing a member asks first: this page says who and what happens, with the form that does it."""
    member = get_member(session, ctx, member_id)
    ctx.require(Role.owner)
    from app.accounts.models import User

    user = session.get(User, member.user_id)
    return render(request, "workspaces/member_remove.html", {
        "member": member, "name": (user.name or user.email) if user else "", "email": user.email if user else "",
        "workspace": ctx.workspace.name, "leaving": member_id == ctx.member.id})


@router.post("/members/{member_id}/remove")
def member_remove(request: Request, session: DB, ctx: Ctx, member_id: int):
    get_member(session, ctx, member_id)
    ctx.require(Role.owner)
    try:
        service.remove_member(session, ctx, member_id=member_id)
    except Invalid as exc:
        return _members_page(request, session, ctx, status=400,
                             extra={"row_errors": {member_id: next(iter(exc.errors.values()))}})
    if member_id == ctx.member.id:
        return redirect(request, "/workspaces", flash="You left the workspace.")
    return redirect(request, "/members", flash="Member removed.")


@router.post("/invitations/{invitation_id}/revoke")
def invitation_revoke(request: Request, session: DB, ctx: Ctx, invitation_id: int):
    get_scoped(session, ctx, Invitation, invitation_id)
    service.revoke_invitation(session, ctx, invitation_id)
    return redirect(request, "/members", flash="Invitation withdrawn.")


@router.get("/invite/{token}")
def invite_page(request: Request, session: DB, user: OptionalUser, token: str):
    invitation = service.find_invitation(session, token)
    if invitation is None:
        return render(request, "workspaces/invite_accept.html", {"invitation": None}, status=404)
    workspace = session.get(Workspace, invitation.workspace_id)
    return render(request, "workspaces/invite_accept.html",
                  {"invitation": invitation, "workspace": workspace, "token": token})


@router.post("/invite/{token}")
def invite_accept(request: Request, session: DB, user: CurrentUser, token: str):
    try:
        service.accept_invitation(session, token=token, user=user, ip=client_ip(request))
    except Forbidden:
        invitation = service.find_invitation(session, token)
        return render(request, "workspaces/invite_accept.html", {
            "invitation": invitation, "workspace": session.get(Workspace, invitation.workspace_id), "token": token,
            "wrong_account": True}, status=403)
    except Conflict:
        return redirect(request, "/cases", flash="You are already a member of this workspace.", level="info")
    return redirect(request, "/cases", flash="Welcome! You joined the workspace.")
