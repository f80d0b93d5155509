"""The seed import: scraped text parsed into records, then written to the database."""
