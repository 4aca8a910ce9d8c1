from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import checks, security  # noqa: F401 — session clocks, deploy checks

        from . import signals  # noqa: F401 — connects the receivers
