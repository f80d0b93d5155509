"""The one declaration of public content: every model whose rows visitors see.

History (django-reversion), the content-version triggers that retire cached pages
(many-to-many tables included), the search triggers, the translation dashboard,
backup and restore, the planner's statistics and the sitemaps all read
``PUBLIC_CONTENT``; none keeps a list of its own. A registry rather than a base
class or a model attribute: those readers need every entry, in a fixed order, and
one short module is where a reviewer checks that a new model was added.
"""

from dataclasses import dataclass

from django.db import models

from portal.models.base import PublishableModel
from portal.models.cases import ChangeNote, Milestone, Outcome, PolicyCase
from portal.models.departments import Department
from portal.models.images import Image
from portal.models.pages import Page
from portal.models.partners import Partner
from portal.models.policy_fields import PolicyField
from portal.models.posts import Post
from portal.models.programs import FAQEntry, Program


@dataclass(frozen=True)
class SearchChildren:
    """Rows of another model that count as part of the parent's text."""

    related_name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Search:
    """Which translated fields search reads, by role in the index, and what each
    hit shows besides its title.

    Declaring it is all a kind needs to be searched: the database triggers that
    keep the index (portal.database.triggers), the ranking and the results page
    (portal.search) are worked out from it.
    """

    title: str
    summary: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    children: tuple[SearchChildren, ...] = ()
    # An attribute of the row naming its kind on the results page ("News",
    # "Video"); by default the model's verbose name ("Partner").
    kind_label: str = ""
    # A date field shown beside the kind.
    date: str = ""


# The search tables share one rowid space. The n-th searchable kind (in
# declaration order) files its row of id i under rowid i - n * SEARCH_SPAN: posts
# keep rowid = id, ids stay below the span, and ranked by rowid descending each
# kind comes newest first, after the kinds declared before it.
SEARCH_SPAN = 2**40


@dataclass(frozen=True)
class Sitemap:
    """A section of sitemap.xml listing each row's page, found by its slug.

    ``lists_posts``: the page lists posts, so it changes whenever they do.
    ``few``: the rows always fit in one file (a few dozen), so the index need not
    count them.
    """

    section: str
    url_name: str
    lists_posts: bool = False
    few: bool = False


@dataclass(frozen=True)
class PublicContent:
    model: type[models.Model]
    # Children saved with each version, and restored with it.
    follow: tuple[str, ...] = ()
    # Edited inside this parent's admin page rather than on its own.
    edited_in: str = ""
    search: Search | None = None
    sitemap: Sitemap | None = None
    # Many-to-many fields no page shows (a department's staff): a change there
    # retires no cached page.
    staff_only: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def history_follow(self) -> tuple[str, ...]:
        """What each version in the history keeps besides the row: its
        children, and which of its translations were out of date."""
        return (*self.follow, "stale_translations")

    def public_rows(self) -> models.QuerySet:
        """What visitors may see of this model."""
        rows = self.model._default_manager.all()
        return rows.published() if issubclass(self.model, PublishableModel) else rows

    def admin_model(self) -> type[models.Model]:
        """The model whose admin page edits these rows."""
        if not self.edited_in:
            return self.model
        return self.model._meta.get_field(self.edited_in).related_model

    @property
    def search_base(self) -> int:
        """The rowid under which id 0 of this kind would sit in the search tables."""
        return -searchable().index(self) * SEARCH_SPAN

    def tables(self) -> list[str]:
        """The model's table and those of its many-to-many fields."""
        opts = self.model._meta
        return [
            opts.db_table,
            *(
                field.remote_field.through._meta.db_table
                for field in opts.local_many_to_many
                if field.name not in self.staff_only
            ),
        ]


PUBLIC_CONTENT = (
    PublicContent(
        Post,
        search=Search(
            title="title",
            summary=("summary",),
            body=("body_text",),
            kind_label="kind_label",
            date="published_at",
        ),
        sitemap=Sitemap("posts", "portal:post_detail"),
    ),
    PublicContent(
        Program,
        follow=("faq_entries",),
        search=Search(
            title="name",
            summary=("summary",),
            body=("description_text",),
            children=(SearchChildren("faq_entries", ("question", "answer")),),
        ),
        sitemap=Sitemap("programs", "portal:program_detail"),
    ),
    PublicContent(FAQEntry, edited_in="program"),
    PublicContent(
        PolicyCase,
        follow=("milestones", "outcomes", "change_notes"),
        search=Search(
            title="title",
            summary=("summary",),
            body=("problem_text", "approach_text", "obstacles_text", "lessons_text"),
            children=(
                SearchChildren("outcomes", ("figure", "text")),
                SearchChildren("milestones", ("text",)),
                SearchChildren("change_notes", ("note",)),
            ),
            date="published_at",
        ),
        sitemap=Sitemap("policy-cases", "portal:policy_case_detail"),
    ),
    PublicContent(Milestone, edited_in="case"),
    PublicContent(Outcome, edited_in="case"),
    PublicContent(ChangeNote, edited_in="case"),
    # A renamed department changes every case that names it.
    PublicContent(Department, staff_only=("members",)),
    PublicContent(
        Partner,
        search=Search(title="name", summary=("description",), body=("full_name",)),
    ),
    # Alt text, captions and credits appear wherever an image is used.
    PublicContent(Image),
    PublicContent(
        PolicyField,
        search=Search(title="name"),
        sitemap=Sitemap(
            "policy-fields", "portal:policy_field_detail", lists_posts=True, few=True
        ),
    ),
    PublicContent(
        Page,
        search=Search(title="title", body=("body_text",)),
        sitemap=Sitemap("site-pages", "portal:page_detail"),
    ),
)


def public_models() -> list[type[models.Model]]:
    return [entry.model for entry in PUBLIC_CONTENT]


def public_tables() -> list[str]:
    """Every table whose rows appear on public pages, through tables included."""
    return [table for entry in PUBLIC_CONTENT for table in entry.tables()]


def publishable_models() -> list[type[models.Model]]:
    """Public models with drafts and scheduled publication."""
    return [
        entry.model
        for entry in PUBLIC_CONTENT
        if issubclass(entry.model, PublishableModel)
    ]


def searchable() -> list[PublicContent]:
    return [entry for entry in PUBLIC_CONTENT if entry.search]
