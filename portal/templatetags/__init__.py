"""Template tags for translated fields, dates, bodies and page metadata."""
