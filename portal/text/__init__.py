"""Bodies as HTML: rich bodies written in the editor (rich) and plain-text bodies
(plain)."""
