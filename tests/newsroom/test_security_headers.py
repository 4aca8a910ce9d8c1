"""Security headers of the production configuration, graded by the Mozilla HTTP
Observatory's scoring table (tests/observatory.py): A+ (100 or more) and no penalty on
every kind of answer, public and desk alike."""

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.observatory import csp_directives, grade

ROOT = Path(__file__).resolve().parents[2]
HOST = "news.example.com"


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Each page's answer from a newsroom with production settings from the environment."""
    folder = tmp_path_factory.mktemp("production")
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.newsroom.production_probe"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGES = [
    "/",
    "ARTICLE",
    "/news/",
    "/search/?q=probe",
    "/news/rss/",
    "/api/feed/",
    "/no-such-page/",
    "/admin/login/",
    "/admin/articles/story/add/",
]


def answer_for(production, page):
    if page == "ARTICLE":
        page = next(p for p in production if p.startswith("/news/") and p.count("/") == 4)
    return production[page]


@pytest.mark.parametrize("page", PAGES)
def test_every_answer_is_an_a_plus_without_a_penalty(production, page):
    answer = answer_for(production, page)
    assert answer["status"] in (200, 404)
    score, results = grade(answer, production["http:/"], HOST)
    penalties = {test: result for test, result in results.items() if result[1] < 0}
    assert penalties == {}
    assert score >= 100, results


def test_the_policy_forbids_inline_scripts_plugins_base_and_framing(production):
    policy = csp_directives(production["/"]["headers"]["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "upgrade-insecure-requests" in policy
    # Only our own origin anywhere: no third party may serve a script, style or font.
    sources = {s for values in policy.values() for s in values}
    assert sources <= {"'self'", "'none'", "data:"}


def test_pages_carry_no_inline_script_but_json_ld_data(production):
    for page in PAGES:
        answer = answer_for(production, page)
        for tag in answer.get("scripts", []):
            assert "src=" in tag or 'type="application/ld+json"' in tag or "importmap" in tag


def test_the_desks_one_inline_script_is_allowed_by_its_hash_alone(production):
    answer = production["/admin/articles/story/add/"]
    (importmap,) = answer["inline_scripts"]
    digest = base64.b64encode(hashlib.sha256(importmap.encode()).digest()).decode()
    policy = csp_directives(answer["headers"]["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", f"'sha256-{digest}'"]
    # Public pages do not get the exception.
    public = csp_directives(production["/"]["headers"]["Content-Security-Policy"])
    assert public["script-src"] == ["'self'"]


def test_the_other_headers(production):
    headers = production["/"]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert production["http:/"]["status"] == 301
    assert production["http:/"]["headers"]["Location"] == f"https://{HOST}/"


def test_cookies_are_secure_httponly_and_same_site(production):
    (csrf,) = production["/admin/login/"]["cookies"]
    assert csrf["name"] == "csrftoken"
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    # Public pages set no cookie at all (and so stay cacheable).
    for page in ("/", "ARTICLE", "/news/", "/api/feed/"):
        assert answer_for(production, page)["cookies"] == []


def test_the_grader_itself_penalises_what_the_table_says():
    weak = {
        "headers": {"Content-Type": "text/html", "X-Frame-Options": "DENY"},
        "cookies": [{"name": "sessionid", "httponly": "True"}],
        "scripts": ['<script src="http://cdn.example.net/x.js">'],
    }
    plain = {"status": 200, "headers": {}}
    score, results = grade(weak, plain, HOST)
    assert results["content-security-policy"] == ("csp-not-implemented", -25)
    assert results["strict-transport-security"] == ("hsts-not-implemented", -20)
    assert results["redirection"] == ("redirection-missing", -20)
    assert results["cookies"][1] == -40
    assert results["subresource-integrity"][1] == -50
    assert score == 0
    inline = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"}
    assert grade({**weak, "headers": inline}, plain, HOST)[1]["content-security-policy"][1] == -20
