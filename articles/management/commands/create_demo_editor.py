import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Create the demo editor account with a random password, printed once. Only in "
        "debug mode and only while no user exists, so it can never add a known account "
        "to a real newsroom."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("Debug is off: no demo account is created.")
            return
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Users already exist: no demo account is created.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo editor account created. Sign in at http://127.0.0.1:8000/admin/ with\n"
                f"  username: {USERNAME}\n  password: {password}\n"
                "This password is shown only once."
            )
        )
