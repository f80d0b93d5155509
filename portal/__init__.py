"""The policy portal: one Django app, in packages by role (see README, "Layout")."""
