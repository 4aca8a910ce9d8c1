"""Slugs numbered when taken, with the database deciding races (two imports creating the
same new section at once)."""

import pytest

from articles import slugs
from articles.models import Section

pytestmark = pytest.mark.django_db


def test_a_slug_taken_meanwhile_gets_the_next_number():
    Section.objects.create(name="World news", slug="world")
    late = Section(name="World")
    # The caller believed "world" free (it checked before the other save): the unique
    # index refuses it, and the next number is taken instead of failing.
    slugs.save_with_free_slug(late, "world", limit=80, save=late.save)
    assert late.slug == "world-2" and Section.objects.count() == 2


def test_the_same_name_created_meanwhile_is_found_not_duplicated(monkeypatch):
    from articles import text

    real_slug_for = text.slug_for

    def another_import_commits_first(name):
        # Between our lookup (nothing called Shipping) and our save, another import
        # saves the same section.
        Section.objects.create(name="Shipping", slug="shipping")
        return real_slug_for(name)

    monkeypatch.setattr(text, "slug_for", another_import_commits_first)
    section = slugs.named(Section, "Shipping", limit=80, approved=False)
    assert Section.objects.count() == 1 and section.slug == "shipping"


def test_a_slug_names_the_record_and_a_new_name_gets_a_free_one():
    assert slugs.named(Section, "Rumours", "rumours", limit=80).slug == "rumours"
    other = Section.objects.create(name="Other", slug="taken")
    assert slugs.named(Section, "Brand new", "taken", limit=80) == other  # by its slug
    Section.objects.create(name="Harbour news", slug="harbour")
    assert slugs.named(Section, "Harbour!", limit=80).slug == "harbour-2"
