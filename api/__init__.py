"""The public API under /api/v1/: its rules, errors and description; each app serves its own lists."""
