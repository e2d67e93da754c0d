"""Create a new deployment's first member of staff (README, "Deploying"), and print a generated
password and one single-use code: production asks for a one-time code, so a password alone would
not open the back office. They then set up an authenticator app, as the back office asks."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken


class Command(BaseCommand):
    help = "Create the first superuser with a generated password and a one-time code for the first sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")

    def handle(self, *args, username, email, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        User = get_user_model()
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if User.objects.filter(is_superuser=True).exists():
            raise CommandError(
                "A superuser exists already: this command makes only the first. Add staff in the back office, "
                "or give an existing account a new code with `manage.py addstatictoken USERNAME`."
            )
        password = secrets.token_urlsafe(18)
        with transaction.atomic():
            user = User.objects.create_superuser(username=username, email=email, password=password)
            device = StaticDevice.objects.create(user=user, name="First sign-in")
            code = StaticToken.random_token()
            device.token_set.create(token=code)
        self.stdout.write(self.style.SUCCESS(f"Created the superuser “{username}”."))
        self.stdout.write(f"Back office: {settings.SITE_ADDRESS.rstrip('/')}/{settings.ADMIN_URL}")
        self.stdout.write(f"username: {username}")
        self.stdout.write(f"password: {password}")
        self.stdout.write(f"one-time code: {code}")
        self.stdout.write(
            "The code works once: sign in with it, then set up an authenticator app and change the password. "
            "This is the only time the password is shown."
        )
