import factory
from django.utils import timezone

from portal.models import FAQEntry, Image, Page, Partner, PolicyField, Post, Program


class PolicyFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyField

    name_ko = factory.Sequence(lambda n: f"분야 {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    kind = Post.Kind.NEWS
    status = Post.Status.PUBLISHED
    title_ko = factory.Sequence(lambda n: f"서울 소식 {n}")
    title_en = factory.Sequence(lambda n: f"Seoul news {n}")
    body_ko = "<p>본문 첫 문단입니다.</p>"
    body_en = "<p>The first paragraph.</p>"
    slug = factory.Sequence(lambda n: f"post-{n}")
    published_at = factory.Sequence(
        lambda n: timezone.now() - timezone.timedelta(days=n + 1)
    )
    author_ko = "서울연구원"
    author_en = "Seoul Institute"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    status = Program.Status.PUBLISHED
    name_ko = factory.Sequence(lambda n: f"프로그램 {n}")
    name_en = factory.Sequence(lambda n: f"Program {n}")
    summary_ko = "프로그램 요약"
    summary_en = "Program summary"
    slug = factory.Sequence(lambda n: f"program-{n}")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    status = Page.Status.PUBLISHED
    title_ko = factory.Sequence(lambda n: f"안내 {n}")
    title_en = factory.Sequence(lambda n: f"Notice {n}")
    body_ko = "<p>안내 본문</p>"
    body_en = "<p>Notice text</p>"
    slug = factory.Sequence(lambda n: f"notice-{n}")


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    program = factory.SubFactory(ProgramFactory)
    question_ko = factory.Sequence(lambda n: f"질문 {n}?")
    question_en = factory.Sequence(lambda n: f"Question {n}?")
    answer_ko = "답변입니다."
    answer_en = "The answer."
    order = factory.Sequence(lambda n: n)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name_ko = factory.Sequence(lambda n: f"협력기관 {n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    group = Partner.Group.INTERNATIONAL


class ImageFactory(factory.django.DjangoModelFactory):
    """A real JPEG in the library, without renditions (make_renditions adds them)."""

    class Meta:
        model = Image

    file = factory.django.ImageField(width=1600, height=900, format="JPEG")
    alt_text_ko = factory.Sequence(lambda n: f"서울 풍경 {n}")
    alt_text_en = factory.Sequence(lambda n: f"A view of Seoul {n}")


def one_of_everything() -> dict:
    """A published row behind every public page type: a post of each kind (the
    video with a player), a programme with a question, a policy field, a partner
    and a library image. The site pages come with the migrations."""
    field = PolicyFieldFactory(slug="environment")
    posts = {
        kind: PostFactory(
            kind=kind,
            slug=f"a-{kind}",
            policy_field=field,
            video_url="https://youtu.be/dQw4w9WgXcQ" if kind == Post.Kind.VIDEO else "",
        )
        for kind in Post.Kind
    }
    program = ProgramFactory(slug="a-programme")
    FAQEntryFactory(program=program)
    PartnerFactory(slug="a-partner")
    image = ImageFactory(file__width=64, file__height=36)
    return {"field": field, "posts": posts, "program": program, "image": image}
