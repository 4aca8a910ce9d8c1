import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from articles.auth import NewsroomBackend
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [REPORTER, EDITOR, CHIEF_EDITOR])
def test_one_query_backend_grants_what_djangos_backend_grants(role, django_assert_num_queries):
    user = user_with_role(role)
    user.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    expected = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))

    fresh = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert NewsroomBackend().get_all_permissions(fresh) == expected
        assert fresh.has_perm("admin.view_logentry")


def test_inactive_users_have_no_permissions():
    user = user_with_role(EDITOR, is_active=False)
    assert NewsroomBackend().get_all_permissions(user) == set()
