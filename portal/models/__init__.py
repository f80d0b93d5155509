from portal.models.categories import Category
from portal.models.partners import Partner
from portal.models.posts import Post, PostQuerySet
from portal.models.programs import FAQEntry, Program
from portal.models.versions import ContentVersion, content_state

__all__ = [
    "Category",
    "ContentVersion",
    "FAQEntry",
    "Partner",
    "Post",
    "PostQuerySet",
    "Program",
    "content_state",
]
