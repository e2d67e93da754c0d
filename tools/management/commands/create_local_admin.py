"""Make sure a local admin account exists, and say how to sign in.

For development machines only (`make run` calls it): the username and password come from
DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD, which `make run` writes into .env.dev.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local admin account from DJANGO_SUPERUSER_USERNAME/PASSWORD if it does not exist."

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not password:
            raise CommandError("Set DJANGO_SUPERUSER_PASSWORD (make run writes one into .env.dev).")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Created the admin account '{username}'."))
        self.stdout.write(
            f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/{settings.ADMIN_URL}  user: {username}  "
            f"password: {password if created or user.check_password(password) else '(changed since; unchanged here)'}"
        )
