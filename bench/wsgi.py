"""The newsroom as production serves it, plus a one-line view: the benchmark's floor.

Used only by bench/run.py; the hello view never ships in the project's own URLs.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.urls"
