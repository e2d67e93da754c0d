"""Keep a renamed page's old address answering, with a permanent redirect to its new one.

Links in feeds, calendars, search engines and other sites then outlive a change of slug.
Addresses are stored in no language and redirect in the one asked. See docs/publishing.md.
"""

from http import HTTPStatus

from django.db.models.signals import pre_save
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from website.languages import in_language, without_language
from website.models import MovedPage


def keep_old_address(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is None or old.slug == instance.slug or not getattr(old, "is_published", True):
        return
    moved(without_language(old.get_absolute_url()), without_language(instance.get_absolute_url()))


def moved(old_path, new_path):
    MovedPage.objects.filter(new_path=old_path).update(new_path=new_path)  # no chains
    MovedPage.objects.filter(old_path=new_path).delete()  # the address is a page's again
    MovedPage.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path})


def keep_old_addresses(*models):
    """Keep the old address of each of `models`' pages when its slug changes (from each app's
    AppConfig.ready())."""
    for model in models:
        pre_save.connect(keep_old_address, sender=model, dispatch_uid=f"moved-page-{model._meta.label}")


def could_be_moved(path):
    """Whether `path` could be a stored old address: not longer than one, and without a NUL
    (which PostgreSQL text cannot hold: looking it up would be an error, not a miss)."""
    return len(path) <= MovedPage._meta.get_field("old_path").max_length and "\x00" not in path


class MovedPageMiddleware:
    """Turns a 404 for a moved page's old address into a 301 to its new one, keeping the
    query string. Only 404s pay the lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != HTTPStatus.NOT_FOUND or request.method not in ("GET", "HEAD"):
            return response
        if not could_be_moved(request.path):
            return response
        page = MovedPage.objects.filter(old_path=without_language(request.path)).first()
        if page is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        new_path = in_language(page.new_path, translation.get_language())
        return HttpResponsePermanentRedirect(new_path + (f"?{query}" if query else ""))
