"""The database beyond the ORM: triggers derived from the public-content
declaration, the planner's statistics, backup and restore."""
