from django.apps import AppConfig


class WireConfig(AppConfig):
    """Agency copy in and out: reading sources under the path and address rules, the
    ninjs and RSS mappings, and the importer, which writes through articles.services.
    It has no models of its own."""

    name = "wire"
    verbose_name = "Wire"
