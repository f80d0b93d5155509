"""Operators' commands: import_seeds, backup and restore."""
