"""Settings for `collectstatic` while the image is built, and for nothing else.

No database and no secrets exist at build time; the runtime settings rightly refuse to
start without them, so this module supplies a throwaway key that dies with the build step.
"""

import os
import secrets

os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "build.invalid")
os.environ.setdefault("DATABASE_URL", "postgres://build.invalid/none")  # never connected to

from tntd.settings import *  # noqa: E402,F403
