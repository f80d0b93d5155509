"""Images staff upload to the library: checks on upload, renditions, and covers
made from publications."""
