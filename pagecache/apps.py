from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # The domain says what changed (articles.signals.content_changed, sent once per
        # transaction after it commits); this app decides what that means for caches.
        from articles.signals import content_changed

        from . import purgers

        content_changed.connect(purgers.on_content_changed, dispatch_uid="pagecache-purge")
