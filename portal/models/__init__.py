"""Content models, one module per concept; ``public.py`` declares which are public."""

from portal.models.cases import (
    ChangeNote,
    Milestone,
    Outcome,
    PolicyCase,
    SustainableDevelopmentGoal,
)
from portal.models.departments import Department
from portal.models.feedback import PageFeedback
from portal.models.freshness import StaleTranslation
from portal.models.glossary import GlossaryTerm
from portal.models.images import Image
from portal.models.inquiries import (
    Consent,
    Inquiry,
    InquiryAccess,
    InquiryNote,
    InquiryReply,
)
from portal.models.mail import OutgoingMail
from portal.models.pages import Page
from portal.models.partners import Partner
from portal.models.policy_fields import PolicyField
from portal.models.posts import Post, PostQuerySet
from portal.models.programs import FAQEntry, Program
from portal.models.search import SearchDocument, SearchIndexRow, SearchTitleRow
from portal.models.tombstones import SeedTombstone
from portal.models.translators import TranslatorLanguages
from portal.models.vendor_files import TranslationUpload
from portal.models.versions import ContentVersion, content_state

__all__ = [
    "ChangeNote",
    "Consent",
    "Inquiry",
    "InquiryAccess",
    "InquiryNote",
    "InquiryReply",
    "OutgoingMail",
    "Department",
    "Milestone",
    "Outcome",
    "PolicyCase",
    "SustainableDevelopmentGoal",
    "PolicyField",
    "ContentVersion",
    "FAQEntry",
    "GlossaryTerm",
    "Image",
    "Page",
    "PageFeedback",
    "Partner",
    "Post",
    "PostQuerySet",
    "Program",
    "SearchDocument",
    "SearchIndexRow",
    "SearchTitleRow",
    "SeedTombstone",
    "StaleTranslation",
    "TranslationUpload",
    "TranslatorLanguages",
    "content_state",
]
