"""The newsroom's roles as Django groups: who may do what on the desk.

One definition, applied by a data migration on install and by `manage.py setup_roles`
whenever it changes. What each permission allows is enforced in services.py.
"""

REPORTER = "Reporter"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"

_READ_VOCABULARY = [
    "articles.view_section",
    "articles.view_theme",
    "articles.view_source",
    "articles.view_author",
    "taggit.view_tag",
]

_REPORTER = [
    *_READ_VOCABULARY,
    "articles.add_story",
    "articles.change_story",  # their own drafts only: see services.can_edit
    "articles.view_story",
    "articles.add_image",
    "articles.change_image",
    "articles.view_image",
    "articles.add_video",
    "articles.view_video",
    "embeds.add_embed",
    "embeds.view_embed",
    "articles.view_revision",
    # Live coverage: reporters post drafts and correct their own; editors publish.
    "articles.add_liveentry",
    "articles.change_liveentry",
    "articles.view_liveentry",
]

_EDITOR = [
    *_REPORTER,
    "articles.publish_story",
    "articles.edit_any_story",
    "articles.curate_home",
    "articles.add_correction",
    "articles.change_correction",
    "articles.delete_correction",
    "articles.view_correction",
    "articles.change_video",
    "embeds.change_embed",
    "articles.delete_liveentry",
]

_CHIEF_EDITOR = [
    *_EDITOR,
    "articles.delete_story",
    "articles.delete_image",
    "articles.delete_video",
    "embeds.delete_embed",
    *(
        f"articles.{action}_{model}"
        for model in ("section", "theme", "source", "author")
        for action in ("add", "change", "delete")
    ),
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
    # Reporters and editors only: see newsroom's UserAdmin for what a chief may not do.
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
    # The desk-wide audit view (the admin log).
    "admin.view_logentry",
]

ROLES = {REPORTER: _REPORTER, EDITOR: _EDITOR, CHIEF_EDITOR: _CHIEF_EDITOR}


def sync_roles(apps=None, *, missing_ok=False):
    """Create the groups and give each exactly its permissions. Returns the group names.

    `apps` is the migration's app registry, or None for the running project's.
    `missing_ok`: an early migration grants what exists by then; the latest one that
    calls this (0018) grants them all.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = set(codenames)
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        missing = wanted - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        if missing and not missing_ok:
            raise LookupError(f"Permissions not found for {name}: {sorted(missing)}")
        group.permissions.set(permissions)
    return list(ROLES)
