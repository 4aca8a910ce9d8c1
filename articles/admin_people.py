"""The desk's people and its audit trail: who may manage whom, and what happened.

Django's UserAdmin lets anyone with auth.change_user make themselves superuser or give
any permission. Chief editors manage reporters and editors only: they never see the
superuser flag or single permissions, may put people only in the Reporter and Editor
groups, and cannot open a superuser's, another chief editor's or their own account
(their own password is changed through "Change password", as everyone's)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from . import audit
from .roles import CHIEF_EDITOR, EDITOR, REPORTER

User = get_user_model()
MANAGED_ROLES = (REPORTER, EDITOR)


def _manages_everyone(user) -> bool:
    return user.is_superuser


class DeskUserAdmin(UserAdmin):
    def get_queryset(self, request):
        users = super().get_queryset(request)
        if _manages_everyone(request.user):
            return users
        return (
            users.filter(is_superuser=False)
            .exclude(groups__name=CHIEF_EDITOR)
            .exclude(pk=request.user.pk)
            # The account imports are logged under: nobody is to sign in as it.
            .exclude(username=audit.SYSTEM_USERNAME)
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or _manages_everyone(request.user):
            return allowed
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if _manages_everyone(request.user):
            return fieldsets
        hidden = {"is_superuser", "user_permissions"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not _manages_everyone(request.user):
            kwargs["queryset"] = Group.objects.filter(name__in=MANAGED_ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if _manages_everyone(request.user):
            return form

        class ManagedUserForm(form):
            def clean(self):
                cleaned = super().clean()
                # The server's word, whatever a hand-made POST carries.
                groups = cleaned.get("groups")
                if groups is not None and groups.exclude(name__in=MANAGED_ROLES).exists():
                    raise forms.ValidationError("Chief editors give the Reporter or Editor role.")
                return cleaned

            def save(self, commit=True):
                user = super().save(commit=False)
                user.is_superuser = False  # never granted from here, whatever was posted
                if commit:
                    user.save()
                    self.save_m2m()
                return user

        return ManagedUserForm

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        if user is not None and not self.has_change_permission(request, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)


@admin.register(LogEntry)
class AuditAdmin(admin.ModelAdmin):
    """The desk-wide audit view: every save, workflow step, bulk action, restore, trash
    and import, newest first. Read-only; chief editors see it (admin.view_logentry)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action", "message"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    list_per_page = 100

    @admin.display(description="action", ordering="action_flag")
    def action(self, entry):
        return {1: "added", 2: "changed", 3: "deleted"}.get(entry.action_flag, "")

    @admin.display(description="what")
    def message(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
