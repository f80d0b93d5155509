import re
from datetime import UTC, datetime

from django.conf import settings
from django.db import models
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.languages import language_codes, localized, localized_all
from portal.models.base import (
    ImportedModel,
    PublishableModel,
    PublishableQuerySet,
    TranslatedModel,
)
from portal.models.fields import RichTextField, TextOfField
from portal.models.policy_fields import PolicyField
from portal.models.written import (  # noqa: F401 (Untitled: migrations name it here)
    Untitled,
    WrittenInQuerySet,
    first_in_language_index,
)
from portal.models.years import published_years
from portal.uploads.checks import publication_path, validate_publication
from portal.values.addresses import linkable
from portal.values.phones import validate_phone
from portal.values.video import player_url

WORD = re.compile(r"\w+")
RELATED_WINDOW = 1000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Letters of scripts whose words are short (two Hangul syllables or Han
# characters are a whole word): a two-letter word of these still tells.
DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Words too common in this portal's titles to say two posts are related.
COMMON_WORDS = frozenset(
    "the and for with from into over its their this that are was were has have will "
    "new more than seoul city smg 서울 서울시 서울특별시".split()
)


class PostQuerySet(WrittenInQuerySet, PublishableQuerySet):
    def featured(self):
        """Posts chosen for the home page's main visual, newest first."""
        return self.filter(featured=True).order_by("-published_at", "-id")

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def for_page(self):
        """What a post's own page shows with it: its policy field and images."""
        return self.select_related("policy_field", "lead_image", "cover_image")

    def last_change(self):
        """When the newest of these posts was last edited; None if there are none.

        Newest edit first and stop at the first match: MAX() read every row.
        """
        newest = self.order_by("-updated_at").values_list("updated_at", flat=True)
        return newest.first()

    def for_cards(self):
        """Only what a card or a previous/next link shows (and related posts score).

        Bodies stay in the database: a card never shows one, and loading a row's
        thirty columns cost more than its query.
        """
        # Summaries are short, and the home page's featured post shows its own.
        text = localized_all("title", "summary")
        return self.only(
            "slug",
            "kind",
            "published_at",
            "featured",
            "policy_field",
            "lead_image",
            "cover_image",
            # A video without one is coming, not playable (is_coming).
            "video_url",
            *text,
        ).select_related("lead_image", "cover_image")


class Post(PublishableModel, ImportedModel, TranslatedModel):
    """A news item, video or publication."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        VIDEO = "video", _("Video")
        PUBLICATION = "publication", _("Publication")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    body_text = TextOfField(_("body as text"), source="body")
    lead_image = models.ForeignKey(
        "portal.Image",
        verbose_name=_("lead image"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Shown at the top of the post and on its card."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    author = models.CharField(_("author"), max_length=100, blank=True)
    # Korean public sites name the department answerable for each page; a post
    # without one is the site operator's (portal.operator).
    department = models.CharField(
        _("responsible department"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the site operator's division."),
    )
    department_phone = models.CharField(
        _("department telephone"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_(
            "In either form, 02-2133-0000 or +82-2-2133-0000. Empty: the site "
            "operator's number."
        ),
    )
    policy_field = models.ForeignKey(
        PolicyField,
        verbose_name=_("policy field"),
        related_name="posts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    video_url = models.URLField(_("video link"), blank=True)
    link_url = models.URLField(_("publication link"), blank=True)
    featured = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_(
            "The newest featured post, with its lead image, is the home page's "
            "main visual."
        ),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set by the import when a title was cut off in the source."),
    )
    file = models.FileField(
        _("publication file"),
        upload_to=publication_path,
        validators=[validate_publication],
        blank=True,
        help_text=_("PDF, at most 50 MB."),
    )
    file_pages = models.PositiveIntegerField(_("pages"), null=True, editable=False)
    file_size = models.PositiveBigIntegerField(
        _("file size"), null=True, editable=False
    )
    # Made from the publication's first page; the card shows it without a lead image.
    cover_image = models.ForeignKey(
        "portal.Image",
        verbose_name=_("cover"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    required_in_one_language = ("title",)

    @property
    def review_reason(self) -> str:
        """Why a post flagged ``needs_review`` is in the translation dashboard's
        queue: the import flags a title the source cut off (it ends with an
        ellipsis); staff may flag any post."""
        if self.source_key and str(self.title).endswith("…"):
            return _("Title cut off in the source")
        return _("Flagged for review by staff")

    objects = PostQuerySet.as_manager()

    class Meta(ImportedModel.Meta):
        ordering = ["-published_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["kind", "-published_at", "-id"]),
            # A policy field's list and a post's related posts, newest first.
            models.Index(fields=["policy_field", "-published_at", "-id"]),
            # When the next scheduled post is due (the page cache asks every time).
            models.Index(fields=["status", "published_at"]),
            # The sitemap's last change: the newest edit first, not a scan of all.
            # Covering the date too, or SQLite prefers the index above and sorts.
            models.Index(fields=["status", "-updated_at", "published_at"]),
            # The home page's newest featured post. Few posts are featured, and
            # "featured" is a bare column test no other index serves: without this
            # SQLite walked every published post looking for one.
            models.Index(
                fields=["status", "-published_at", "-id"],
                condition=models.Q(featured=True),
                name="portal_post_featured_idx",
            ),
            # Lists and the home page lead with the visitor's language.
            *(
                first_in_language_index("post", code, column)
                for code, _name in settings.LANGUAGES
                for column in ("kind", "policy_field")
            ),
        ]
        permissions = [("publish_post", _("Can publish and unpublish posts"))]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:post_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_url(cls, kind: str) -> str:
        """The address of the list of ``kind``: each kind has its own."""
        return reverse(
            {
                cls.Kind.NEWS: "portal:post_list",
                cls.Kind.VIDEO: "portal:video_list",
                cls.Kind.PUBLICATION: "portal:publication_list",
            }[kind]
        )

    @classmethod
    def plural_label(cls, kind: str) -> str:
        """A list's heading for ``kind``: "Videos", not "Video"."""
        return {
            cls.Kind.NEWS: _("News"),
            cls.Kind.VIDEO: _("Videos"),
            cls.Kind.PUBLICATION: _("Publications"),
        }[kind]

    @property
    def kind_label(self) -> str:
        # get_kind_display() rebuilds a dict of every choice on each call.
        return self.Kind(self.kind).label

    @property
    def video_link(self) -> str:
        """The video's address, if it may be linked (portal.values.addresses)."""
        return linkable(self.video_url)

    @property
    def player_url(self) -> str:
        """The privacy-enhanced player for a YouTube or Vimeo link, else ""."""
        return player_url(self.video_url)

    @property
    def publication_link(self) -> str:
        return linkable(self.link_url)

    @property
    def card_image(self):
        """The lead image, else a publication's cover; None for most imports."""
        return self.lead_image or self.cover_image

    @property
    def is_video(self) -> bool:
        return self.kind == self.Kind.VIDEO

    @property
    def is_publication(self) -> bool:
        return self.kind == self.Kind.PUBLICATION

    @property
    def is_coming(self) -> bool:
        """A video announced before its link: a placeholder, nothing to watch."""
        return self.is_video and not self.video_link

    def is_written_in(self, lang: str) -> bool:
        """The row's side of PostQuerySet.written_in()."""
        return bool(getattr(self, localized("title", lang)))

    @classmethod
    def latest_by_kind(
        cls, limits: dict[str, int], *, lang: str, featured: bool = False
    ) -> tuple[dict[str, list["Post"]], dict[str, list["Post"]], "Post | None"]:
        """The newest published posts of each kind written in ``lang``,
        ``limits[kind]`` of them, for cards; the newest in other languages, as
        many as the kind lacks; and (with ``featured``) the newest featured post.
        One query.

        Each group is a bounded subquery on the (kind, published_at) index, so the
        cost does not grow with the table.
        """
        newest = ("-published_at", "-id")
        published = cls.objects.published()
        wanted = models.Q(pk__in=[])
        for kind, limit in limits.items():
            of_kind = published.of_kind(kind).order_by(*newest)
            for group in (of_kind.written_in(lang), of_kind.not_written_in(lang)):
                wanted |= models.Q(pk__in=group.values("pk")[:limit])
        if featured:
            wanted |= models.Q(pk__in=published.featured().values("pk")[:1])
        local = {kind: [] for kind in limits}
        elsewhere = {kind: [] for kind in limits}
        feature = None
        for post in published.for_cards().filter(wanted).order_by(*newest):
            # Newest first, so the first featured one is the newest featured, and
            # an older featured post falls beyond its kind's limit.
            if featured and feature is None and post.featured:
                feature = post
            if post.kind not in limits:
                continue
            group = local if post.is_written_in(lang) else elsewhere
            if len(group[post.kind]) < limits[post.kind]:
                group[post.kind].append(post)
        for kind, posts in elsewhere.items():
            del posts[limits[kind] - len(local[kind]) :]
        return local, elsewhere, feature

    @classmethod
    def published_years(cls) -> dict[str, list[int]]:
        """The years, newest first, in which each kind has a published post
        (local time); kinds without any are left out. One query whose cost
        follows neither the table nor the span of years (portal.models.years)."""
        return published_years(cls, cls.Status.PUBLISHED)

    def neighbours(self) -> tuple["Post | None", "Post | None"]:
        """The next older and the next newer published post of the same kind, in
        one query: each side is a one-row subquery on the (kind, published_at)
        index."""
        previous = next_ = None
        found = Post.objects.for_cards().filter(
            models.Q(pk__in=self._next_one("lt"))
            | models.Q(pk__in=self._next_one("gt"))
        )
        for post in found:
            is_newer = (post.published_at, post.pk) > (self.published_at, self.pk)
            if is_newer:
                next_ = post
            else:
                previous = post
        return previous, next_

    def _next_one(self, direction: str):
        """The id of the nearest published post past this one in time ("lt": older,
        "gt": newer), ties in time broken by id."""
        beyond = models.Q(
            **{f"published_at__{direction}": self.published_at}
        ) | models.Q(published_at=self.published_at, **{f"pk__{direction}": self.pk})
        order = (
            ("-published_at", "-id") if direction == "lt" else ("published_at", "id")
        )
        # A plain range on the date, placed before published()'s "until now": SQLite
        # starts its index scan at the first bound it is given, and this one starts at
        # this post instead of at the far end of the table.
        return (
            Post.objects.filter(**{f"published_at__{direction}e": self.published_at})
            .published()
            .filter(beyond, kind=self.kind)
            .order_by(*order)
            .values("pk")[:1]
        )

    def title_words(self) -> set[str]:
        """The telling words of the title in every language, lower-cased."""
        return set().union(*self._title_words_by_language().values())

    def _title_words_by_language(self) -> dict[str, set[str]]:
        """Each language the post is titled in, with the telling words of that title."""
        found = {}
        for code in language_codes():
            text = (getattr(self, localized("title", code)) or "").casefold()
            words = {
                word
                for word in WORD.findall(text)
                if word not in COMMON_WORDS
                and (len(word) >= 3 or DENSE_SCRIPT.search(word))
            }
            if words:
                found[code] = words
        return found

    def related_posts(self, limit: int = 3):
        """Published posts sharing this one's policy field and title words.

        Candidates are the newest posts of the same field and those whose titles
        hold one of this title's words; each scores 2 for the field and 1 per
        shared word. One query of bounded subqueries, whatever the size of the
        table: title words are looked for among the newest ``RELATED_WINDOW`` posts
        only, since a substring match cannot use an index.
        """
        # Longest words first; ties alphabetically, not in set order, which changes
        # with each process's hash seed and would change the page with it.
        by_language = self._title_words_by_language()
        words = sorted(
            {(word, code) for code, found in by_language.items() for word in found},
            key=lambda pair: (-len(pair[0]), pair),
        )[:6]
        published = Post.objects.published().for_cards().exclude(pk=self.pk)
        # One query: each group of candidates is a bounded subquery, as in
        # latest_by_kind, with the newest of the same kind for when none match.
        related = models.Q(pk__in=[])
        if self.policy_field_id:
            same_field = published.filter(policy_field_id=self.policy_field_id)
            related |= models.Q(pk__in=same_field.values("pk")[:30])
        if words:
            sharing = published.filter(self._sharing(words))
            related |= models.Q(pk__in=sharing.values("pk")[:30])
        newest_of_kind = models.Q(
            pk__in=published.of_kind(self.kind).values("pk")[:limit]
        )
        found = list(
            published.filter(related | newest_of_kind).annotate(
                is_related=models.Case(
                    models.When(related, then=models.Value(True)),
                    default=models.Value(False),
                )
            )
        )
        candidates = {post.pk: post for post in found if post.is_related}
        if not candidates:
            newest = sorted(found, key=lambda post: (post.published_at, post.pk))
            return newest[::-1][:limit]
        mine = {word for word, _code in words}

        def score(post):
            shared = len(mine & post.title_words())
            same_field = (
                2
                if self.policy_field_id and post.policy_field_id == self.policy_field_id
                else 0
            )
            return (same_field + shared, post.published_at)

        return sorted(candidates.values(), key=score, reverse=True)[:limit]

    @staticmethod
    def _sharing(words: list[tuple[str, str]]) -> models.Q:
        """Titles holding one of ``words``, among the newest ``RELATED_WINDOW``
        published posts.

        The window is "published since the RELATED_WINDOW-th newest post": a range
        the date index can stop at, where "pk IN (newest ids)" made the scan walk
        past the window to the oldest post.
        """
        matches = models.Q()
        # A word is looked for in titles of the language it was found in: six
        # languages of LIKE on every word cost the post page a quarter more.
        for word, code in words:
            matches |= models.Q(**{f"{localized('title', code)}__icontains": word})
        newest = Post.objects.published().order_by("-published_at", "-id")
        cutoff = newest.values("published_at")[RELATED_WINDOW - 1 : RELATED_WINDOW]
        since = Coalesce(Subquery(cutoff), Value(EPOCH))
        return matches & models.Q(published_at__gte=since)
