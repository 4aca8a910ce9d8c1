"""Inputs that were 500s and are now the clear answer a bad request deserves."""

import pytest

from articles.roles import EDITOR
from tests.factories import StoryFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("limit", ["²", "①", "٣", "1²"])
def test_a_limit_in_other_digits_is_a_400(reader, limit):
    response = reader.get("/api/feed/", {"limit": limit})
    assert response.status_code == 400 and "limit" in response.json()["error"]


@pytest.mark.parametrize("page", ["①", "²", "٣"])
def test_a_search_page_in_other_digits_is_a_404(reader, page):
    assert reader.get("/search/", {"q": "a", "page": page}).status_code == 404


@pytest.mark.parametrize(
    "dates", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_to": "0001-01-01"}]
)
def test_dates_at_the_ends_of_the_calendar_are_reported_not_fatal(reader, dates):
    StoryFactory()
    response = reader.get("/search/", {"q": "story", **dates})
    assert response.status_code == 200
    assert "between the years 1800 and 9998" in response.content.decode()


def test_a_nul_in_the_desks_tag_suggestions(client):
    StoryFactory(tags=["Ukraine"])
    client.force_login(user_with_role(EDITOR))
    response = client.get("/admin/articles/story/tag-suggestions/", {"term": "U\x00k"})
    assert response.status_code == 200 and response.json() == {"results": ["Ukraine"]}


@pytest.mark.parametrize(
    "query",
    [
        "published_at__year=12345678901",
        "published_at__year=2021&published_at__month=99999999999",
        "published_at__year=٢٠٢١",
    ],
)
def test_an_impossible_year_in_the_desks_date_drill_down(client, query):
    client.force_login(user_with_role(EDITOR))
    response = client.get(f"/admin/articles/story/?{query}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")
