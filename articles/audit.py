"""The desk-wide audit trail: Django's admin log (LogEntry), which the admin writes for
every form save, written also for what happens outside a form: bulk actions, restores,
the trash, imports. Chief editors read it as the audit view."""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"


def system_user():
    """The account imports and commands are logged under: it cannot sign in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "first_name": "Newsroom"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def record(*, user, obj, message: str, added: bool = False) -> None:
    actor = user if getattr(user, "pk", None) else system_user()
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[obj],
        action_flag=ADDITION if added else CHANGE,
        change_message=message,
        single_object=True,
    )
