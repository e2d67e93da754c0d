"""What a request may carry: a body declared larger than settings.REQUEST_MAX_BYTES is refused
with 413 before any of it is read, as the proxy does (docker/nginx.conf; a photo under its own
limit, tntd/photos.py, always fits with the rest of its form); and the back office's addresses
take no NUL character, which PostgreSQL refuses in text (the public pages replace it, saying so)."""

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


class NoNulCharactersInTheBackOfficeMiddleware:
    """400 for a back-office request whose query or form values hold a NUL character: a list
    filter, a search or an autocomplete would otherwise fail in the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"/{settings.ADMIN_URL}"

    def __call__(self, request):
        if request.path.startswith(self.prefix) and self.has_nul(request):
            return HttpResponseBadRequest(gettext("A NUL character is not allowed here."))
        return self.get_response(request)

    @staticmethod
    def has_nul(request):
        values = [*request.GET.keys(), *(value for values in request.GET.lists() for value in values[1])]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            values += [*request.POST.keys(), *(value for values in request.POST.lists() for value in values[1])]
        return any("\x00" in value for value in values)
