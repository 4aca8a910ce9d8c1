"""System checks of the production setup that Django's own deploy checks do not know."""

from django.core import checks
from django.core.cache import cache

from .cache import memory_bound_problem


@checks.register(checks.Tags.caches, deploy=True)
def cache_memory_is_bounded(app_configs, **kwargs):
    """`check --deploy`: the shared cache must evict rather than grow without limit."""
    problem = memory_bound_problem(cache)
    if not problem:
        return []
    return [
        checks.Warning(
            f"The page cache's memory is not bounded: {problem}.",
            hint="In redis.conf: maxmemory 512mb (or what the machine can spare) and "
            "maxmemory-policy allkeys-lru. /readyz reports the same.",
            id="newsroom.W001",
        )
    ]
