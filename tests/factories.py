import factory
from django.utils import timezone

from portal.models import (
    ChangeNote,
    Department,
    FAQEntry,
    GlossaryTerm,
    Image,
    Milestone,
    Outcome,
    Page,
    Partner,
    PolicyCase,
    PolicyField,
    Post,
    Program,
)


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


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name_ko = factory.Sequence(lambda n: f"정책과 {n}")
    name_en = factory.Sequence(lambda n: f"Policy Division {n}")
    slug = factory.Sequence(lambda n: f"division-{n}")
    address_ko = "서울특별시 중구 세종대로 110"
    address_en = "110 Sejong-daero, Jung-gu, Seoul"
    phone = "02-2133-3500"
    email = factory.Sequence(lambda n: f"division{n}@seoul.go.kr")


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term_ko = factory.Sequence(lambda n: f"용어 {n}")
    term_en = factory.Sequence(lambda n: f"Term {n}")
    approved = True


class PolicyCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyCase

    status = PolicyCase.Status.PUBLISHED
    title_ko = factory.Sequence(lambda n: f"정책 사례 {n}")
    title_en = factory.Sequence(lambda n: f"Policy case {n}")
    summary_ko = "사례 요약"
    summary_en = "What the policy did."
    problem_ko = "<p>해결할 문제</p>"
    problem_en = "<p>The problem it met.</p>"
    approach_ko = "<p>서울시가 한 일</p>"
    approach_en = "<p>What Seoul did.</p>"
    slug = factory.Sequence(lambda n: f"case-{n}")
    published_at = factory.Sequence(
        lambda n: timezone.now() - timezone.timedelta(days=n + 1)
    )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    case = factory.SubFactory(PolicyCaseFactory)
    year = 2024
    text_ko = "시범 사업 시작"
    text_en = "The pilot began"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    case = factory.SubFactory(PolicyCaseFactory)
    figure_ko = "100만"
    figure_en = "1 million"
    text_ko = "판매된 카드"
    text_en = "cards sold"
    source_ko = "서울시 보도자료"
    source_en = "Seoul press release"


class ChangeNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNote

    case = factory.SubFactory(PolicyCaseFactory)
    note_ko = "판매 실적 추가"
    note_en = "Added the sales figure"


def one_of_everything() -> dict:
    """A published row behind every public page type: a post of each kind (the
    video with a player), a programme with a question, a policy field, a partner
    a library image, and a policy case with every part, run by a department and
    linked to the posts and the programme. The site pages come with the
    migrations."""
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
    case = PolicyCaseFactory(
        slug="a-case",
        policy_field=field,
        department=DepartmentFactory(slug="a-division"),
        start_year=2024,
        phase=PolicyCase.Phase.RUNNING,
        budget_en="KRW 1 billion",
        obstacles_en="<p>What was hard.</p>",
        lessons_en="<p>What was learned.</p>",
    )
    case.goals.set([11, 13])
    case.related_posts.set(posts.values())
    case.related_programs.set([program])
    MilestoneFactory(case=case, month=1)
    OutcomeFactory(case=case, source_url="https://news.seoul.go.kr/")
    ChangeNoteFactory(case=case)
    return {
        "field": field,
        "posts": posts,
        "program": program,
        "image": image,
        "case": case,
    }


def outdated_post(slug: str = "an-outdated-translation") -> Post:
    """A post translated into every language whose original summary changed
    afterwards: each translation's page shows the out-of-date line."""
    from portal.languages import default_language, language_codes, localized

    post = PostFactory(
        slug=slug,
        **{
            localized("title", code): f"Bike sharing ({code})"
            for code in language_codes()
        },
        **{
            localized("summary", code): f"Summary ({code})" for code in language_codes()
        },
    )
    setattr(post, localized("summary", default_language()), "Summary, corrected")
    post.save()
    return post
