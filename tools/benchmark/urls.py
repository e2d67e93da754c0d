"""The site's URLs plus the bare reference view, for the benchmark only. The bare view does what
every request must (the middleware, URL resolution, a response) and nothing else: each page's
time and throughput are reported as a ratio to it, measured in the same run on the same machine."""

from django.http import HttpResponse
from django.urls import path

from tntd import urls as site_urls

BARE_PATH = "/_benchmark/bare/"


def bare(request):
    return HttpResponse("OK", content_type="text/plain")


# The site's patterns themselves, not include()d: Django refuses i18n_patterns in an include.
urlpatterns = [path(BARE_PATH.lstrip("/"), bare, name="benchmark_bare"), *site_urls.urlpatterns]
handler404 = site_urls.handler404
