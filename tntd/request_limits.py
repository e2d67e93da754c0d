"""The most one request may carry: a body declared larger than settings.REQUEST_MAX_BYTES is
refused with 413 before any of it is read, as the proxy does (docker/nginx.conf). A photo under
its own limit (tntd/photos.py) always fits, with the rest of its form."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Content-Length is not a number.")
        if length > settings.REQUEST_MAX_BYTES:
            message = gettext("This request is larger than %(limit)s, the most the site accepts; a photo may be up to %(photo)s.") % {
                "limit": filesizeformat(settings.REQUEST_MAX_BYTES), "photo": filesizeformat(settings.PHOTO_MAX_BYTES)}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
