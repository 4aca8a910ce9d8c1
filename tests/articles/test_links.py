"""url_for gives exactly what reverse() gives, for the URLs lists render many times."""

import pytest
from django.urls import reverse, set_script_prefix

from articles.links import url_for


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("articles:story", {"pk": 1, "slug": "a-story"}),
        ("articles:story", {"pk": 9_999_999_999, "slug": "tass-proshhaetsya"}),
        ("articles:story", {"pk": 42, "slug": "ünïcode-слаг"}),
        ("articles:story", {"pk": 7, "slug": "with space&amp;more%"}),
        ("articles:story-short", {"pk": 12}),
        ("articles:section", {"slug": "politics"}),
        ("articles:theme", {"slug": "covid-19"}),
        ("articles:source", {"slug": "kremlin"}),
        ("articles:tag", {"slug": "gas-pipeline_2"}),
    ],
)
def test_url_for_matches_reverse(name, values):
    assert url_for(name, **values) == reverse(name, kwargs=values)


def test_url_for_follows_the_script_prefix():
    set_script_prefix("/newsroom/")
    try:
        assert url_for("articles:section", slug="world") == "/newsroom/sections/world/"
        assert url_for("articles:section", slug="world") == reverse(
            "articles:section", kwargs={"slug": "world"}
        )
    finally:
        set_script_prefix("/")
