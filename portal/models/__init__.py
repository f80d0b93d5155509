from portal.models.categories import Category
from portal.models.partners import Partner
from portal.models.posts import Post, PostQuerySet
from portal.models.programs import FAQEntry, Program

__all__ = ["Category", "FAQEntry", "Partner", "Post", "PostQuerySet", "Program"]
