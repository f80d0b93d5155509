"""Values staff type into fields, what is accepted and how pages show them:
publication years (dates), telephone numbers (phones), outside links
(addresses) and video links (video)."""
