import pytest
from django.core.management import call_command
from django.db import connection

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME
from orders.models import Case, Order

from .factories import MembershipFactory, UserFactory
from .paths import SEEDS_DIR


def pytest_runtest_setup(item):
    """``@pytest.mark.postgres_only``: behaviour that needs PostgreSQL (full-text search, triggers)."""
    if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs the request to authenticate, which ``Client.login`` does not pass; the
    lockout tests turn it back on (tests/test_security.py)."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's 1,000,000 rounds cost 0.6 s a password: every demo load and login paid it. Tests
    hash with MD5, as Django's documentation advises; the hasher is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _render_cache_in_memory(settings):
    """Rendered PDFs and page images are shared through a file cache under var/ when the app
    runs; a test keeps them in memory, so no test sees another run's renders."""
    settings.CACHES = {
        **settings.CACHES,
        "renders": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-renders"},
    }


@pytest.fixture(autouse=True)
def _frozen_tables_flushable(request, django_db_blocker):
    """A live-server test's database is emptied by Django's flush, which on SQLite deletes the
    rows the frozen-record triggers protect (PostgreSQL truncates, which no row trigger sees).
    Before that flush (pytest-django's, which runs after this teardown), those rows are deleted
    here with the triggers standing down (``orders/frozen.py``)."""
    yield
    if "transactional_db" not in request.fixturenames or connection.vendor != "sqlite":
        return
    from orders.frozen import UNLOCK_TABLE

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"INSERT OR IGNORE INTO {UNLOCK_TABLE} (id) VALUES (1)")  # noqa: S608
        cursor.execute("DELETE FROM orders_signedpdf")
        cursor.execute("DELETE FROM orders_auditevent")
        cursor.execute(f"DELETE FROM {UNLOCK_TABLE}")  # noqa: S608


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


@pytest.fixture
def seeded(demo):
    """The demo data plus the three seed orders, imported as past orders. Orders the demo drafts
    itself are removed, so a search sees exactly the three imported seeds."""
    Order.objects.filter(source=Order.Source.DRAFTED).delete()
    with open("/dev/null", "w") as devnull:
        call_command("import_orders", str(SEEDS_DIR), user="clerk", no_progress=True, stdout=devnull)
    return demo
