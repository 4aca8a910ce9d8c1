"""Every request is logged once, with an id that follows it and its timing."""

import json
import logging

import pytest

from newsroom.requestlog import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [record for record in caplog.records if record.name == "newsroom.requests"]


def test_each_request_is_logged_once_with_its_id_status_and_time(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        response = client.get("/news/")
    [record] = request_records(caplog)
    assert response["X-Request-ID"]
    assert (record.method, record.path, record.status) == ("GET", "/news/", 200)
    assert record.duration_ms >= 0
    assert record.request_id == response["X-Request-ID"]


def test_the_load_balancers_request_id_is_kept_and_a_hostile_one_replaced(client, caplog):
    assert client.get("/news/", HTTP_X_REQUEST_ID="lb-7f3a.2")["X-Request-ID"] == "lb-7f3a.2"
    hostile = 'x" onload="alert(1)\n' + "y" * 500
    replaced = client.get("/news/", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
    assert replaced != hostile and replaced.isalnum()


def test_messages_written_during_a_request_carry_its_id_in_json(client):
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(JsonFormatter().format(record)))

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    django_request = logging.getLogger("django.request")
    django_request.addHandler(handler)
    try:
        response = client.get("/news/999999999/no-such-story/", HTTP_X_REQUEST_ID="req-42")
    finally:
        django_request.removeHandler(handler)

    assert response.status_code == 404
    [line] = lines
    assert line["request_id"] == "req-42"
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["message"] == "Not Found: /news/999999999/no-such-story/"
    assert line["status_code"] == 404
