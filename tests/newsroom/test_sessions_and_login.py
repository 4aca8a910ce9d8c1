"""The desk's door: sign-in throttling (django-axes), passwords, and sessions that end
when idle, after a shift, or when the user is deactivated."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def editor():
    return user_with_role("Editor", username="ed")


def test_five_failures_lock_that_user_from_that_address_with_a_clear_message(editor):
    client = Client()
    for _ in range(4):
        response = sign_in(client, "ed", "wrong password")
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in response.content.decode()
    locked = sign_in(client, "ed", "wrong password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed sign-ins" in page
    assert "failed 5 times in a row, so it is locked for 15 minutes" in page
    assert "Newsroom desk" in page
    # Locked: even the right password is refused from there.
    assert sign_in(client, "ed", PASSWORD).status_code == 429
    # The same user from another address, and another user from this one, still get in.
    assert sign_in(Client(), "ed", PASSWORD, address="198.51.100.9").status_code == 302
    user_with_role("Reporter", username="rita")
    assert sign_in(Client(), "rita", PASSWORD).status_code == 302


def test_the_lockout_ends_after_its_time(editor, settings):
    client = Client()
    for _ in range(5):
        sign_in(client, "ed", "wrong password")
    assert sign_in(client, "ed", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, "ed", PASSWORD).status_code == 302


def test_behind_the_load_balancer_the_address_is_the_one_it_forwards(editor, settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    for attempt in range(5):
        Client().post(
            LOGIN,
            {"username": "ed", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the balancer
            HTTP_X_FORWARDED_FOR=f"spoofed-{attempt}, 203.0.113.7",
        )
    assert (
        Client()
        .post(
            LOGIN,
            {"username": "ed", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        .status_code
        == 429
    )
    # Another reader behind the same balancer is not locked out.
    other = Client().post(
        LOGIN,
        {"username": "ed", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-1", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(editor, password, message):
    client = Client()
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200 and message in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def desk(client):
    return client.get("/admin/articles/story/")


def test_a_session_ends_after_an_hour_without_activity(editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(editor)
        assert desk(client).status_code == 200
        clock.shift(timedelta(minutes=50))
        assert desk(client).status_code == 200  # active: the hour starts again
        clock.shift(timedelta(minutes=59))
        assert desk(client).status_code == 200
        clock.shift(timedelta(minutes=61))
        response = desk(client)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        login_page = client.get(response["Location"]).content.decode()
        assert "signed out after 60 minutes without activity" in login_page


def test_typing_in_the_story_form_keeps_the_session(editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(editor)
        form = client.get("/admin/articles/story/add/").content.decode()
        assert 'data-keepalive-url="/admin/articles/story/keepalive/"' in form
        for _ in range(3):  # two and a half hours of writing, pinged by desk.js
            clock.shift(timedelta(minutes=50))
            assert client.get("/admin/articles/story/keepalive/").status_code == 204
        assert desk(client).status_code == 200


def test_a_session_ends_after_a_shift_whatever_the_activity(editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(editor)
        for _ in range(15):  # 12.5 hours of work, never idle
            clock.shift(timedelta(minutes=50))
            response = desk(client)
        assert response.status_code == 302
        login_page = client.get(response["Location"]).content.decode()
        assert "signed out after 12 hours" in login_page


def test_deactivating_a_user_ends_their_sessions(editor):
    client = Client()
    client.force_login(editor)
    assert desk(client).status_code == 200
    # A chief editor unticks "active" on the user's page.
    user = get_user_model().objects.get(username="ed")
    user.is_active = False
    user.save()
    response = desk(client)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_forwarded_addresses_are_believed_only_from_the_configured_proxies(settings):
    from django.test import RequestFactory

    from newsroom.security import client_ip

    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    factory = RequestFactory()

    def address(remote, forwarded):
        return client_ip(factory.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded))

    # A client talking to gunicorn directly cannot pick the address it is counted as.
    assert address("198.51.100.4", "203.0.113.7") == "198.51.100.4"
    # Through the balancer: the last address it did not add itself.
    assert address("10.0.0.2", "spoofed, 203.0.113.7") == "203.0.113.7"
    assert address("10.0.0.2", "203.0.113.7, 10.0.0.3") == "203.0.113.7"
    assert address("10.0.0.2", "not-an-address") == "10.0.0.2"
    settings.BEHIND_TLS_PROXY = False
    assert address("10.0.0.2", "203.0.113.7") == "10.0.0.2"


def test_many_addresses_guessing_one_password_lock_the_account(editor, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 8
    for attempt in range(8):
        sign_in(Client(), "ed", "wrong", address=f"198.51.100.{attempt + 1}")
    # From yet another address, even the right password waits for the lockout to end.
    assert sign_in(Client(), "ed", PASSWORD, address="192.0.2.50").status_code == 429
    # Another account is not affected.
    user_with_role("Editor", username="other-ed")
    assert sign_in(Client(), "other-ed", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_few_failures_from_several_addresses_lock_nobody(editor):
    for attempt in range(4):
        sign_in(Client(), "ed", "wrong", address=f"198.51.100.{attempt + 1}")
    assert sign_in(Client(), "ed", PASSWORD, address="192.0.2.50").status_code == 302


def test_gunicorn_listens_on_loopback_unless_told_otherwise(monkeypatch):
    import runpy
    from pathlib import Path

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    config = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8000"
