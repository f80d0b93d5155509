"""The public site: views and addresses, lists and their filters, feeds, sitemaps
and what each page says about itself."""
