"""A new deployment's first member of staff (`manage.py create_first_admin`, README "Deploying"):
one command gives an account that signs in to a production back office, which asks for a code."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.test_sign_in import let_in, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True  # as in production


def first_admin(*arguments):
    out = StringIO()
    call_command("create_first_admin", *arguments, stdout=out)
    return dict(re.findall(r"^(username|password|one-time code): (\S+)$", out.getvalue(), re.M))


def test_the_printed_password_and_code_open_the_back_office_once(client):
    printed = first_admin("operator", "operator@example.org")
    assert printed["username"] == "operator"
    assert sign_in(client, "operator", printed["password"], token="").status_code == 200  # the form again
    assert not let_in(client)
    assert sign_in(client, "operator", printed["password"], token=printed["one-time code"]).status_code == 302
    assert let_in(client)
    assert client.get(reverse("admin:activities_event_add")).status_code == 200  # a superuser's back office
    client.logout()
    assert sign_in(client, "operator", printed["password"], token=printed["one-time code"], address="192.0.2.9").status_code == 200
    assert not let_in(client)  # the code works once


def test_it_makes_only_the_first_superuser():
    first_admin("operator", "operator@example.org")
    with pytest.raises(CommandError):
        first_admin("another", "another@example.org")
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["operator"]


@pytest.mark.parametrize("username, email", [("operator", "not-an-address"), ("two words", "ops@example.org")])
def test_bad_arguments_are_refused_and_nothing_is_made(username, email):
    with pytest.raises(CommandError):
        first_admin(username, email)
    assert not get_user_model().objects.exists()
