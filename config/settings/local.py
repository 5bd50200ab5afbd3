"""Developer defaults: `make run` uses these. The demo is what ministry staff and citizens try first, so it
shows the portal's own error pages, never a debug traceback; set DJANGO_DEBUG=true to develop."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# serve static files straight from the source folders, with or without DEBUG (no collectstatic for the demo)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
