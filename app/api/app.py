"""The JSON API, a FastAPI application of its own mounted at /api/v1 (app/main.py): bearer tokens
instead of cookies, problem details instead of error pages, its OpenAPI at /api/v1/openapi.json.
Every route calls the same service functions as the pages."""

from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.api import cases, consumers, deadlines, letters, outcomes, problems, proceedings, reports
from app.api.deps import RateLimiter
from app.config import Settings

DESCRIPTION = """Recourse's JSON API. Authenticate with a workspace API token (Settings, API tokens):
`Authorization: Bearer rcs_...`. Errors are problem details (RFC 9457). See docs/api.md."""


def create_api(settings: Settings) -> FastAPI:
    api = FastAPI(title="Recourse API", version="1", description=DESCRIPTION, openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None, responses=problems.RESPONSES)
    api.state.settings = settings
    api.state.rate_limiter = RateLimiter()
    for module in (consumers, cases, reports, proceedings, letters, deadlines, outcomes):
        api.include_router(module.router)
    for route in api.routes:
        if isinstance(route, APIRoute):
            # Every request writes (its audit entry): take SQLite's write lock up front (app/deps.py).
            route.endpoint.audited_read = True
    problems.install(api)
    api.add_middleware(problems.CatchAll)
    return api
