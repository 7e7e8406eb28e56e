"""Settings come from the environment; production refuses to start without a real key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parent.parent


def _load(settings_module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "DEBUG")}
    environment.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DEBUG)"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_default_is_the_embedded_sqlite_database_with_debug_off():
    result = _load("chambers.settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_debug_is_on_only_when_asked_for():
    assert _load("chambers.settings", DEBUG="True").stdout.split()[1] == "True"


def test_the_development_run_of_scripts_start_turns_debug_on():
    script = (ROOT / "scripts" / "start").read_text()
    assert 'DEBUG="${DEBUG:-True}" exec "$PY" manage.py runserver' in script


def test_database_url_selects_postgresql():
    result = _load("chambers.settings", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


@pytest.mark.parametrize("key", ["", "django-insecure-development-key-not-for-production", "short"])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = _load("chambers.settings_production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key_and_debug_off():
    result = _load(
        "chambers.settings_production", SECRET_KEY=get_random_secret_key(), ALLOWED_HOSTS="orders.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False"
