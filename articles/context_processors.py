from django.conf import settings
from django.utils.functional import SimpleLazyObject


def newsroom(request):
    """The newsroom's name and its sections for the masthead on every page.

    The sections load lazily (a response that never renders the masthead runs no query)
    and from the cache (they change seldom; saving a section refreshes them).
    """
    from .models import Section

    return {
        "newsroom_name": settings.NEWSROOM_NAME,
        "newsroom_time_zone": settings.TIME_ZONE,
        "newsroom_language": settings.LANGUAGE_CODE,
        # For the desk's sign-in lockout page (django-axes gives an ISO 8601 duration).
        "login_lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
        "nav_sections": SimpleLazyObject(Section.for_navigation),
    }
