"""Images staff upload to the library: checks on upload, and renditions."""
