"""Signing in to the back office (tntd/sign_in.py): Publishers and superusers need a one-time
code from an authenticator app; Editors may add one; repeated wrong passwords lock a user out
from that address for a while."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.test_admin import user_in_group

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True  # as in production


def sign_in(client, username, password=PASSWORD, token=""):
    data = {"username": username, "password": password, "otp_token": token, "next": reverse("admin:index")}
    return client.post(reverse("admin:login"), data)


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_publisher_signs_in_with_a_one_time_code(client):
    publisher = user_in_group("Publishers")
    device = TOTPDevice.objects.create(user=publisher, name="Authenticator app")
    response = sign_in(client, publisher.username)
    assert response.status_code == 200  # the form again
    assert "Please enter your OTP token." in response.text
    assert client.get(reverse("admin:index")).status_code == 302  # not let in

    response = sign_in(client, publisher.username, token=code_for(device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_superuser_with_a_password_alone_is_not_let_in(client):
    root = factories.UserFactory(username="root", is_superuser=True)
    client.force_login(root)  # a password is all this session has proved
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_an_editor_signs_in_with_a_password_and_may_add_a_second_factor(client):
    editor = user_in_group("Editors")
    assert sign_in(client, editor.username).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    TOTPDevice.objects.create(user=editor, name="Authenticator app")  # once set up, always asked
    assert sign_in(client, editor.username).status_code == 200


def test_wrong_passwords_lock_the_user_out_from_that_address_for_a_while(client, settings):
    editor = user_in_group("Editors")
    start = datetime.datetime.now(datetime.timezone.utc)
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(client, editor.username, password="wrong").status_code == 200
        assert sign_in(client, editor.username, password="wrong").status_code == 429  # the last one allowed
        locked = sign_in(client, editor.username)  # even with the right password
        assert locked.status_code == 429
        assert "Sign-in locked for now" in locked.text
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1), tick=False):
        assert sign_in(client, editor.username).status_code == 302


def test_someone_else_can_still_sign_in_while_one_user_is_locked_out(client, settings):
    locked_out, other = user_in_group("Editors"), factories.UserFactory(username="other")
    other.groups.add(*locked_out.groups.all())
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, locked_out.username, password="wrong")
    assert sign_in(client, other.username).status_code == 302


