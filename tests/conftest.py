import pytest
from django.core.cache import cache
from django.test import Client

from pagecache.middleware import forget_local_copies


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """Every test writes uploads to its own folder and serves static files unhashed
    (the hashed manifest exists only after collectstatic)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A fast hasher: tests create users, they do not test password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Nothing cached by one test is seen by the next, in the shared cache or the process.
    cache.clear()
    forget_local_copies()


@pytest.fixture
def reader():
    """An anonymous reader's browser."""
    return Client()
