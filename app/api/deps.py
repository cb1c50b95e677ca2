"""API request dependencies: a bearer token -> the same tenancy Context the pages use.

No cookie is read here: the API is for programs holding a token, so no CSRF check applies (a
browser never adds an Authorization header on its own)."""

import threading
import time
from collections import deque
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api import tokens
from app.api.problems import RateLimited, ScopeMissing, Unauthorized
from app.deps import DB
from app.tenancy import Context
from app.web import SAFE_METHODS, client_ip

RATE_LIMIT = 600  # requests per token per RATE_WINDOW seconds (per server process)
RATE_WINDOW = 60


class RateLimiter:
    """A sliding window per token, kept in memory: cheap, and enough to stop a runaway script."""

    def __init__(self, limit: int = RATE_LIMIT, window: int = RATE_WINDOW):
        self.limit, self.window = limit, window
        self._hits: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, token_id: int) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(token_id, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                raise RateLimited(retry_after=max(1, int(hits[0] + self.window - now) + 1))
            hits.append(now)


bearer = HTTPBearer(auto_error=False, description="An API token (rcs_...) made by a workspace owner")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def api_ctx(request: Request, session: DB, credentials: Credentials) -> Context:
    if credentials is None or not credentials.credentials:
        raise Unauthorized()
    found = tokens.authenticate(session, credentials.credentials.strip(), ip=client_ip(request))
    if found is None:
        raise Unauthorized()
    token, ctx = found
    request.state.api_use = {"token_id": token.id, "user_id": ctx.user.id, "workspace_id": ctx.workspace.id,
                             "ip": ctx.ip, "method": request.method, "path": request.url.path[:200]}
    if request.method not in SAFE_METHODS and "write" not in token.scope_list:
        raise ScopeMissing()
    request.app.state.rate_limiter.hit(token.id)
    tokens.record_use(session, token, ctx, method=request.method, path=request.url.path)
    request.state.ctx = ctx
    return ctx


ApiCtx = Annotated[Context, Depends(api_ctx)]
