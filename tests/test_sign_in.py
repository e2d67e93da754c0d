"""Signing in to the back office (backoffice/sign_in.py): every member of staff with a password and a
one-time code, after a grace period to set one up; one answer for every way of getting it wrong;
accounts and addresses locked after repeated failures, for a fixed time; sessions that end when
left idle; a forgotten password reset by email, with the code still asked."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.models import StaffProfile
from tests import factories
from tests.markup import parse, text_of
from tests.test_admin import user_in_group

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
START = datetime.datetime(2026, 12, 4, 9, 0, tzinfo=datetime.timezone.utc)


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True  # as in production


def sign_in(client, username, password=PASSWORD, token="", address="192.0.2.1"):
    data = {"username": username, "password": password, "otp_token": token, "next": reverse("admin:index")}
    return client.post(reverse("admin:login"), data, REMOTE_ADDR=address)


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def let_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def answer(response):
    """What a sign-in page says back: its status, its errors and the fields it asks for."""
    form = response.context["form"]
    return response.status_code, form.errors.get_json_data(), list(form.fields)


def past_grace(user):
    StaffProfile.objects.update_or_create(user=user, defaults={"second_factor_due": START - datetime.timedelta(days=1)})


@pytest.mark.parametrize("group", ["Editors", "Publishers", "Finance"])
def test_every_member_of_staff_signs_in_with_a_one_time_code(client, group):
    user = user_in_group(group)
    past_grace(user)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app")
    assert sign_in(client, user.username).status_code == 200  # the form again
    assert not let_in(client)
    assert sign_in(client, user.username, token=code_for(device)).status_code == 302
    assert let_in(client)


def test_a_wrong_password_and_a_right_password_without_its_code_get_the_same_answer(client):
    publisher = user_in_group("Publishers")
    TOTPDevice.objects.create(user=publisher, name="Authenticator app")
    wrong_password = sign_in(client, publisher.username, password="wrong", address="192.0.2.10")
    no_code = sign_in(client, publisher.username, address="192.0.2.11")
    wrong_code = sign_in(client, publisher.username, token="000000", address="192.0.2.12")
    assert answer(wrong_password) == answer(no_code) == answer(wrong_code)
    assert answer(no_code)[0] == 200
    (refused,) = no_code.context["form"].non_field_errors().as_data()
    assert refused.code == "invalid_login"  # as a wrong password's, not "second_factor"
    assert refused.messages[0] in [text_of(alert) for alert in parse(no_code).iter() if alert.get("role") == "alert"]


def test_a_superuser_with_a_password_alone_is_not_let_in(client):
    root = factories.UserFactory(username="root", is_superuser=True)
    TOTPDevice.objects.create(user=root, name="Authenticator app")
    client.force_login(root)  # a password is all this session has proved
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_someone_new_signs_in_during_the_grace_period_and_sets_up_a_second_factor(client, settings):
    editor = user_in_group("Editors")
    with time_machine.travel(START, tick=False):
        assert sign_in(client, editor.username).status_code == 302
        index = client.get(reverse("admin:index"))
        assert index.status_code == 200
        assert index.context["second_factor_due"] == START + datetime.timedelta(days=settings.SECOND_FACTOR_GRACE_DAYS)

        page = client.get(reverse("admin:second_factor"))
        assert list(parse(page).iter("{http://www.w3.org/2000/svg}svg")) and page.context["secret"]  # the QR code
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
        assert client.post(reverse("admin:second_factor"), {"code": "123456"}).status_code == 200  # wrong: again
    with time_machine.travel(START + datetime.timedelta(seconds=5), tick=False):  # django-otp waits a little after a wrong code
        assert client.post(reverse("admin:second_factor"), {"code": code_for(device)}).status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert "second_factor_due" not in client.get(reverse("admin:index")).context

        client.logout()
        assert sign_in(client, editor.username, address="192.0.2.20").status_code == 200  # now the code is asked
    with time_machine.travel(START + datetime.timedelta(minutes=2), tick=False):
        assert sign_in(client, editor.username, token=code_for(device), address="192.0.2.21").status_code == 302


def test_after_the_grace_period_no_code_means_no_sign_in(client):
    editor = user_in_group("Editors")
    with time_machine.travel(START, tick=False):
        assert sign_in(client, editor.username).status_code == 302  # the grace period starts
        client.logout()
    with time_machine.travel(START + datetime.timedelta(days=8), tick=False):
        response = sign_in(client, editor.username)
        assert response.status_code == 200 and not let_in(client)
        (refused,) = response.context["form"].non_field_errors().as_data()
        assert refused.code == "invalid_login"
        # The answer a wrong password gets, word for word: nothing tells which part was wrong.
        (wrong_password,) = sign_in(client, editor.username, password="wrong", address="192.0.2.30").context[
            "form"].non_field_errors().as_data()
        assert refused.messages == wrong_password.messages
        assert refused.messages[0] in [text_of(alert) for alert in parse(response).iter() if alert.get("role") == "alert"]


def test_an_account_is_locked_after_failures_from_many_addresses(client, settings):
    editor = user_in_group("Editors")
    TOTPDevice.objects.create(user=editor, name="Authenticator app")
    with time_machine.travel(START, tick=False):
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, editor.username, password="wrong", address=f"198.51.100.{n}")
        locked = sign_in(client, editor.username, address="198.51.100.200")
        assert locked.status_code == 429
        assert "Sign-in locked for now" in locked.text


def test_an_address_is_locked_after_failures_on_many_accounts(client, settings):
    """Password spraying: a few guesses on each of many accounts, from one address."""
    users = [factories.UserFactory(username=f"staff{n}") for n in range(settings.AXES_FAILURE_LIMIT + 1)]
    with time_machine.travel(START, tick=False):
        for user in users[:-1]:
            sign_in(client, user.username, password="Winter2026!", address="203.0.113.5")
        assert sign_in(client, users[-1].username, address="203.0.113.5").status_code == 429
        assert sign_in(client, users[-1].username, address="203.0.113.6").status_code != 429  # others still can


def test_attempts_during_a_lockout_do_not_extend_it(client, settings):
    editor = user_in_group("Editors")
    past_grace(editor)
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app")
    with time_machine.travel(START, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, editor.username, password="wrong")
    for minutes in (5, 10, 14):  # someone keeps trying, to keep the account locked
        with time_machine.travel(START + datetime.timedelta(minutes=minutes), tick=False):
            assert sign_in(client, editor.username, password="wrong").status_code == 429
    after = START + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(after, tick=False):
        assert sign_in(client, editor.username, token=code_for(device)).status_code == 302


def test_a_wrong_code_counts_as_a_failed_sign_in(client, settings):
    publisher = user_in_group("Publishers")
    device = TOTPDevice.objects.create(user=publisher, name="Authenticator app")
    with time_machine.travel(START, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, publisher.username, token="000000")
        assert sign_in(client, publisher.username, token=code_for(device)).status_code == 429


def test_a_session_ends_after_two_hours_without_a_request(client, settings):
    editor = user_in_group("Editors")
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app")
    with time_machine.travel(START, tick=False):
        sign_in(client, editor.username, token=code_for(device))
        assert let_in(client)
    with time_machine.travel(START + datetime.timedelta(minutes=110), tick=False):
        assert let_in(client)  # in use: each request renews it
    with time_machine.travel(START + datetime.timedelta(minutes=110 + 121), tick=False):
        assert not let_in(client)


def test_a_forgotten_password_is_reset_by_email_and_the_code_is_still_asked(client):
    publisher = user_in_group("Publishers")
    device = TOTPDevice.objects.create(user=publisher, name="Authenticator app")
    login_page = client.get(reverse("admin:login"))
    assert reverse("admin_password_reset") in login_page.text
    client.post(reverse("admin_password_reset"), {"email": publisher.email})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/\S+/password-reset/\S+/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "a new, long passphrase", "new_password2": "a new, long passphrase"})
    assert response.status_code == 302
    assert not let_in(client)  # not signed in by the reset
    assert sign_in(client, publisher.username, password="a new, long passphrase").status_code == 200  # no code: no
    assert sign_in(client, publisher.username, password="a new, long passphrase", token=code_for(device)).status_code == 302


def test_password_reset_emails_are_few_per_address(client, settings):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    editor = user_in_group("Editors")
    for _ in range(10):
        client.post(reverse("admin_password_reset"), {"email": editor.email})
    assert len(mail.outbox) == settings.PASSWORD_RESETS_PER_HOUR
