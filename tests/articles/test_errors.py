"""When something breaks, readers get the site's own error page, not a stack trace."""

import pytest
from django.urls import include, path

from tests.html import text


def broken_view(request):
    raise RuntimeError("the database caught fire")


urlpatterns = [path("broken/", broken_view), path("", include("newsroom.urls"))]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_crash_shows_the_sites_500_page(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = text(response)
    assert "Something went wrong on our side" in page
    assert "database caught fire" not in page
