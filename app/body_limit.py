"""A cap on the size of every request body, whether or not the client says how long it is.

Uploads are checked for size by the routes that take them (app.documents, app.credit_reports), but
Starlette spools a multipart body to disk before any route sees it, so a client could send
gigabytes, or stream them chunk by chunk without a Content-Length, and fill the disk. This
middleware refuses a declared length over the cap at once and counts the bytes of a body as they
arrive, stopping it as soon as it goes over: the request ends with a 413 page and nothing is kept.

The cap is the evidence upload limit (RECOURSE_UPLOAD_MAX_MB) plus room for the form's other
fields and the multipart framing, so an upload only a little too large still reaches its route and
gets its message beside the file field, with the rest of the form kept.
"""

from starlette.exceptions import HTTPException

FORM_ROOM_MB = 10  # the largest non-file form (a thick report's import preview) is a few MB


class BodyTooLarge(HTTPException):
    def __init__(self):
        super().__init__(413, "What you sent is too large for this site. Upload a smaller file. Nothing was saved.")


def max_body_bytes(settings) -> int:
    return (int(getattr(settings, "upload_max_mb", 20)) + FORM_ROOM_MB) * 1024 * 1024


class BodyLimit:
    def __init__(self, app, settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = max_body_bytes(self.settings)
        declared = _content_length(scope)
        seen = 0

        async def limited_receive():
            nonlocal seen
            if declared is not None and declared > limit:
                raise BodyTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
