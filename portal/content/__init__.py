"""Helpers for translated content, shared by models, pages and search: which
language a field is shown in, and plain-text bodies as HTML."""
