"""Old addresses of renamed pages, in the back office."""

from django.contrib import admin

from website.models import MovedPage


@admin.register(MovedPage)
class MovedPageAdmin(admin.ModelAdmin):
    """Old addresses of renamed pages (website/redirects.py): kept automatically; staff may add
    one for a page moved some other way, or delete one that should answer 404 again."""

    list_display = ["old_path", "new_path", "moved_at"]
    search_fields = ["old_path", "new_path"]
