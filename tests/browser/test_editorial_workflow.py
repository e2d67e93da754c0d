"""Issue 8's tasks walked in a real browser: an Editor writes a training course with a photo
and marks it ready for review; a Publisher finds it waiting, publishes it, renames it (the
old address keeps working) and unpublishes it after a confirmation."""

import pytest

from tests.factories import png_bytes
from tests.test_admin import user_in_group

PASSWORD = "correct horse battery staple"


def sign_in(page, settings, username):
    page.context.clear_cookies()  # whoever was signed in before
    page.goto(f"/{settings.ADMIN_URL}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/{settings.ADMIN_URL}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_and_a_publisher_take_a_training_course_from_draft_to_public_and_back(
    page, browser, live_server, settings, tmp_path, roles, request
):
    settings.MEDIA_ROOT = tmp_path
    user_in_group("Editors"), user_in_group("Publishers")  # usernames "editors", "publishers"
    photo = tmp_path / "cadets.png"
    photo.write_bytes(png_bytes(1200, 800))

    # The Editor writes the course, with a photo, and marks it ready for review.
    sign_in(page, settings, "editors")
    page.goto(f"/{settings.ADMIN_URL}activities/event/add/")
    page.locator("#id_title").press_sequentially("Training course on document security")
    page.locator("#id_event_type").select_option("training_course")
    page.locator("#id_start_date").fill("2027-03-01")
    page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_photo_alt").fill("Cadets examining passports")
    page.locator("#id_status").select_option("review")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator(".messagelist").inner_text().startswith("The event")

    preview = page.goto("/events/training-course-on-document-security/")
    assert preview.status == 200
    assert "Ready for review." in page.locator(".notice--draft").inner_text()
    assert page.locator("figure.photo img").get_attribute("alt") == "Cadets examining passports"
    assert "960w" in page.locator("figure.photo img").get_attribute("srcset")

    def visit(path):
        """A visitor's first look: a browser of their own, with nothing cached (pages may be
        reused for a minute: Cache-Control: public, max-age=60)."""
        context = browser.new_context(base_url=live_server.url)
        visitors.append(context)
        visitor = context.new_page()
        return visitor, visitor.goto(path)

    visitors = []
    request.addfinalizer(lambda: [context.close() for context in visitors])

    assert visit("/events/training-course-on-document-security/")[1].status == 404

    # The Publisher finds it waiting, and publishes it.
    sign_in(page, settings, "publishers")
    waiting = page.locator("#waiting-for-review")
    assert "Training course on document security" in waiting.inner_text()
    waiting.get_by_role("link", name="Training course on document security (1 March 2027)").click()
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    assert visit("/events/training-course-on-document-security/")[1].status == 200

    # Renamed: the old address leads to the new one.
    page.goto(f"/{settings.ADMIN_URL}activities/event/")
    page.get_by_role("link", name="Training course on document security").click()
    page.locator("#id_slug").fill("document-security-training")
    page.get_by_role("button", name="Save", exact=True).click()
    visitor, _ = visit("/events/training-course-on-document-security/")
    assert visitor.url.endswith("/events/document-security-training/")

    # Unpublished from the list, after a confirmation that names it.
    page.goto(f"/{settings.ADMIN_URL}activities/event/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("unpublish")
    page.get_by_role("button", name="Go").click()
    assert "Training course on document security" in page.locator("#content").inner_text()
    page.get_by_role("button", name="Yes, unpublish 1 event").click()
    assert visit("/events/document-security-training/")[1].status == 404
