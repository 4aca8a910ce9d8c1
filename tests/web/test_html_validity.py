"""The Nu HTML Checker (vnu-jar, the W3C validator's engine; Java) on every kind of page:
no error."""

import json
import shutil
import subprocess

import pytest
import requests

from tests.web.conftest import npm_tool

pytestmark = [pytest.mark.web, pytest.mark.django_db(transaction=True)]


def test_every_kind_of_page_is_valid_html(demo, tmp_path):
    vnu = npm_tool("vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if not java:
        pytest.skip("the Nu HTML Checker needs Java")
    base, pages = demo
    files = []
    for name, path in pages.items():
        response = requests.get(base + path, timeout=30)
        assert response.status_code == (404 if name == "404" else 200), name
        file = tmp_path / f"{name.replace(' ', '-').replace(',', '')}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [(m["url"].rsplit("/", 1)[-1], m.get("lastLine"), m["message"]) for m in messages] == []
