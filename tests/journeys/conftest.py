import pytest

from tests.conftest import sign_up


@pytest.fixture
def pat(client, world, caplog):
    """A new individual user, signed up and signed in with a personal workspace."""
    sign_up(client, caplog, email="pat@example.org", name="Pat Person")
    return client
