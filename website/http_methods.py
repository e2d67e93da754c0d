"""The methods the public pages answer (issue 20): they are only read, so GET and HEAD are
served, OPTIONS says so (Allow, no body) instead of running the view, and any other method,
TRACE included, gets the 405 page instead of CSRF's 403. The back office and the API take their
own methods. A stream answered to HEAD is dropped unread: gunicorn would build it all to send nothing."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

READ = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"


def has_methods_of_its_own(path):
    """The back office (sign-in, second factor, password resets, forms) and the API."""
    return path.startswith((f"/{settings.ADMIN_URL}", "/api/"))


def method_not_allowed(request):
    response = render(request, "405.html", status=405)
    response["Allow"] = ALLOW
    return response


def options(request):
    """What may be done here, and nothing more: the view does not run."""
    response = HttpResponse(status=200)
    response["Allow"] = ALLOW
    return response


async def _nothing():
    return
    yield


class PublicMethodsMiddleware:
    """Placed before CsrfViewMiddleware: its process_view answers first, once the address is
    known to exist (an unknown one keeps its 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and response.streaming:
            # The old iterator is dropped before its first item: no row of a download is read.
            response.streaming_content = _nothing() if response.is_async else []
        return response

    def process_view(self, request, view, args, kwargs):
        if request.method in READ or has_methods_of_its_own(request.path_info):
            return None
        if request.method == "OPTIONS":
            return options(request)
        return method_not_allowed(request)
