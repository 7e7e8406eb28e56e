import pytest
from django.core.management import call_command

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME
from orders.models import Case

from .factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs the request to authenticate, which ``Client.login`` does not pass; the
    lockout tests turn it back on (tests/test_security.py)."""
    settings.AXES_ENABLED = False


@pytest.fixture
def demo(db):
    """The demo data, loaded the way ``manage.py load_demo`` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {case.short_caption: case for case in Case.objects.all()}


@pytest.fixture
def demo_client(client, demo):
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    return client


@pytest.fixture
def member(db):
    """A clerk in one judge's chambers."""
    return MembershipFactory()


@pytest.fixture
def outsider(db):
    """A logged-in user who belongs to no chambers of the cases under test."""
    return UserFactory(username="outsider")


def pytest_collection_modifyitems(config, items):
    """Skip ``postgres_only`` tests when the suite runs on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
