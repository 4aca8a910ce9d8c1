"""Settings come from the environment; production refuses to start without its secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, tmp_path, **env):
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="news.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be a boolean"),
        ({"DJANGO_DEBUG": "1", "NEWSROOM_TIME_ZONE": "Mars/Olympus"}, "not an IANA time zone"),
        ({"DJANGO_DEBUG": "1", "NEWSROOM_IMAGE_MAX_BYTES": "lots"}, "must be a whole number"),
    ],
)
def test_bad_settings_are_named_clearly(tmp_path, env, message):
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_make_run_steps_work_on_an_empty_database(tmp_path):
    """What `make run` does before serving: migrate, demo content, the demo editor."""
    debug = {"DJANGO_DEBUG": "1"}
    for step in (("migrate", "--no-input"), ("loaddemo", "--if-empty")):
        result = manage(*step, tmp_path=tmp_path, **debug)
        assert result.returncode == 0, result.stderr
    editor = manage("create_demo_editor", tmp_path=tmp_path, **debug)
    assert "password:" in editor.stdout

    # Running again keeps the data and is quick: nothing is loaded or created twice.
    again = [
        manage(*step, tmp_path=tmp_path, **debug)
        for step in (("migrate", "--no-input"), ("loaddemo", "--if-empty"), ("create_demo_editor",))
    ]
    assert all(r.returncode == 0 for r in again)
    assert "left as it is" in again[1].stdout
    assert "password:" not in again[2].stdout
    media = tmp_path / "media"
    pictures = [p for p in (media / "images").rglob("*.jpg") if "renditions" not in p.parts]
    assert len(pictures) == 52 + 6  # the lead pictures, and the demo article's in its text
    # The demo's video with its poster, and one embed's thumbnail: stored once.
    assert len(list((media / "videos").rglob("*.mp4"))) == 1
    assert len(list((media / "videos").rglob("*.jpg"))) == 1
    assert len(list((media / "embeds").rglob("*.jpg"))) == 1
