from django.core.management.base import BaseCommand

from articles.roles import ROLES, sync_roles


class Command(BaseCommand):
    help = (
        "Create or re-sync the newsroom's groups (Reporter, Editor, Chief editor) with "
        "exactly the permissions articles/roles.py gives them. Safe to run at any time; "
        "users keep their group memberships."
    )

    def handle(self, *args, **options):
        for name in sync_roles():
            self.stdout.write(f"{name}: {len(ROLES[name])} permissions")
        self.stdout.write(self.style.SUCCESS("Roles are in sync."))
