"""Answers of a newsroom running with its production settings, as JSON on stdout: run in
a subprocess by test_security_headers.py with a production environment (debug off,
HTTPS on), so the settings under test are the real ones, read from the environment."""

import json
import os
import re
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from tests.factories import StoryFactory

    call_command("migrate", verbosity=0)
    # Production serves hashed static names from collectstatic's manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    story = StoryFactory(headline="Probe story")
    editor = get_user_model().objects.create_superuser(
        "probe", "probe@example.com", "a-long-probe-password"
    )
    host = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")[0]
    pages = {
        "/": {},
        story.get_absolute_url(): {},
        "/news/": {},
        "/search/?q=probe": {},
        "/news/rss/": {},
        "/api/feed/": {},
        "/no-such-page/": {},
        "/admin/login/": {},
        "/admin/articles/story/add/": {"signed_in": True},
    }
    answers = {}
    for path, how in pages.items():
        client = Client(HTTP_HOST=host)
        if how.get("signed_in"):
            client.force_login(editor)
        response = client.get(path, secure=True)
        body = response.content.decode(errors="replace")
        answers[path] = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "cookies": [
                {"name": name, **{k: str(v) for k, v in morsel.items() if v}}
                for name, morsel in response.cookies.items()
            ],
            "scripts": re.findall(r"<script\b[^>]*>", body),
            "inline_scripts": [
                content
                for attributes, content in re.findall(
                    r"<script\b([^>]*)>(.*?)</script>", body, re.S
                )
                if "src=" not in attributes and content.strip()
            ],
        }
    # The plain-HTTP door: a redirect to HTTPS on the same host.
    plain = Client(HTTP_HOST=host).get("/")
    answers["http:/"] = {"status": plain.status_code, "headers": dict(plain.headers)}
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
