"""Property-based: requests generated from the published OpenAPI (valid and invalid: wrong types,
missing fields, odd strings, huge numbers), sent to the app with a real token. None may be a server
error, and every error must be a problem details document, never HTML."""

from collections import Counter

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from app.api.deps import RateLimiter

MIN_REQUESTS = 1_000
PER_OPERATION = 80  # 14 operations, with both valid and invalid data: about 1,100 requests


@pytest.fixture
def api_app(app):
    sub = next(r.app for r in app.routes if getattr(r, "path", "") == "/api/v1")
    sub.state.rate_limiter = RateLimiter(limit=10**9)  # the limit is tested on its own (test_auth.py)
    return app


def test_no_generated_request_is_a_server_error(api_app, make_token, world, filed):
    headers = {"Authorization": f"Bearer {make_token('alice')}"}
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api_app)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    objects = {"consumer_id": world.ids["consumer1"], "case_id": world.ids["case1"], "report_id": filed["report1"],
               "proceeding_id": filed["proceeding1"], "letter_id": filed["letter1"]}
    sent, failures, statuses = 0, [], Counter()
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(max_examples=PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), phases=[hypothesis.Phase.generate])
        def run(case, real):
            nonlocal sent
            if real and case.path_parameters:  # half the time, at objects that exist (so the services run)
                case.path_parameters = {k: objects[k] for k in case.path_parameters}
            response = case.call(headers=headers)
            sent += 1
            statuses[response.status_code] += 1
            content_type = (response.headers.get("content-type") or [""])[0]
            if response.status_code >= 500 or (response.status_code >= 400
                                               and not content_type.startswith("application/problem+json")):
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}")

        run()
    assert not failures, "\n".join(failures[:20])
    assert sent >= MIN_REQUESTS
    print(dict(statuses))
    # The token was used: most requests got past authentication to the routes themselves.
    assert statuses[401] < sent / 4 and sum(n for code, n in statuses.items() if code < 300) > 100
