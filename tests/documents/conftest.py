"""Fixtures for documents: the router mounted (until app.main lists it), sample files, a signed-in context."""

from io import BytesIO

from pypdf import PdfWriter
from sqlmodel import Session, select

from app.accounts.models import User
from app.tenancy import Context
from app.workspaces.models import Member, Workspace


def pdf_bytes(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def context(engine, user_id: int, workspace_id: int) -> Context:
    with Session(engine, expire_on_commit=False) as s:
        user = s.get(User, user_id)
        workspace = s.get(Workspace, workspace_id)
        member = s.exec(select(Member).where(Member.user_id == user_id, Member.workspace_id == workspace_id)).one()
        return Context(user=user, workspace=workspace, member=member)
