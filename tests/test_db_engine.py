"""The database engine's connection settings (app/db.py)."""

import pytest
from sqlalchemy import event, text

from app.db import PG_OPTIONS, make_engine
from tests.conftest import PG_URL


class _Stop(Exception):
    pass


def _connect_params(url: str) -> dict:
    """What the engine would hand the driver, captured before any connection is made."""
    engine = make_engine(url)
    seen = {}

    @event.listens_for(engine, "do_connect")
    def capture(dialect, conn_rec, cargs, cparams):
        seen.update(cparams)
        raise _Stop

    with pytest.raises(_Stop):
        engine.connect()
    engine.dispose()
    return seen


def test_postgresql_connections_always_plan_with_the_real_values():
    # Issue 15: a generic plan made for an average workspace cost a big clinic 800 ms a query.
    params = _connect_params("postgresql+psycopg://someone@127.0.0.1:1/nothing")
    assert params["options"] == "-c plan_cache_mode=force_custom_plan"


def test_options_given_in_the_url_are_kept():
    params = _connect_params("postgresql+psycopg://someone@127.0.0.1:1/nothing?options=-c%20statement_timeout%3D5000")
    assert params["options"] == f"-c statement_timeout=5000 {PG_OPTIONS}"


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL only (RECOURSE_TEST_DATABASE_URL)")
def test_the_server_applies_the_setting(engine):
    with engine.connect() as conn:
        assert conn.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
