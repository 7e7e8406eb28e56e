"""Finding 13: behind the documented TLS proxy every client shares the proxy's address, so the
login lockout (per username and address) locked a username out for everyone. The client's
address is read from X-Forwarded-For as appended by ``TRUSTED_PROXY_COUNT`` trusted proxies."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from orders.http import client_ip

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
PROXY = "10.0.0.5"  # REMOTE_ADDR of every request: the proxy's


def login(client, username, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_an_attacker_behind_the_proxy_does_not_lock_the_judge_out(client, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="judge")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        # The attacker also forges a leftmost entry: only the one the proxy appended counts.
        response = login(client, "judge", "wrong", "198.51.100.7, 203.0.113.66")
    assert response.status_code == 429
    assert login(client, "judge", PASSWORD, "203.0.113.66").status_code == 429  # the attacker: locked
    assert login(client, "judge", PASSWORD, "192.0.2.10").status_code == 302  # the judge: logs in

    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_without_a_configured_proxy_the_header_is_ignored(client, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="judge")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "judge", "wrong", "203.0.113.66")
    # A forged header does not get round the lockout of this address.
    assert login(client, "judge", PASSWORD, "192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "203.0.113.66", PROXY),
        (1, "203.0.113.66", "203.0.113.66"),
        (1, "1.1.1.1, 203.0.113.66", "203.0.113.66"),
        (2, "1.1.1.1, 203.0.113.66, 10.0.0.9", "203.0.113.66"),
        (2, "203.0.113.66", PROXY),  # fewer entries than proxies: not through them
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
    ],
)
def test_the_client_address_is_the_entry_the_outermost_trusted_proxy_appended(
    settings, count, header, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected
