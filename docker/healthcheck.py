"""The image's HEALTHCHECK: ask the running server's /healthz, exit 0 only on 200."""

import os
import sys
import urllib.request
from http import HTTPStatus

url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
try:
    with urllib.request.urlopen(url, timeout=4) as response:
        sys.exit(0 if response.status == HTTPStatus.OK else 1)
except Exception as error:  # any failure means unhealthy; say why in the probe's log
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
