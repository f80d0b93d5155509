import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from portal.models import FAQEntry, Partner, PolicyField, Post, Program
from portal.seeds import importer
from portal.seeds.bookkeeping import fingerprint
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_document, parse_paths

pytestmark = pytest.mark.django_db

SEEDS = sorted((settings.BASE_DIR / "seeds").glob("*.txt"))

NEWS = """\
• Climate Card Sales Hit 1 Million
    등록일 2024-04-11 글쓴이 seoulsolution
    On Fri, Apr. 5, the Climate Card surpassed the milestone.
• 기재부 로고이미지
• 공유도시(Sharing City) 서울은?

함께 나누어 활용하는 도시입니다.
"""


def run(text=NEWS, **options):
    return import_records(parse_document(text, "doc.txt"), **options)


def snapshot():
    return {
        model.__name__: sorted(
            (obj.pk, obj.updated_at, str(obj)) for obj in model.objects.all()
        )
        for model in (Post, Partner, Program, FAQEntry)
    }


def test_real_seeds_give_the_expected_records():
    import_records(parse_paths(SEEDS))

    kinds = {kind: Post.objects.filter(kind=kind).count() for kind in Post.Kind.values}
    # "Going Together with the Socially Neglected Index" describes a city
    # initiative: news, whatever its title's "Index".
    assert kinds == {"news": 8, "video": 3, "publication": 2}
    assert Partner.objects.count() == 28
    assert Program.objects.count() == 1
    assert FAQEntry.objects.count() == 2
    assert PolicyField.objects.count() == 6

    climate = Post.objects.get(title_en__startswith="Climate Card Sales")
    assert climate.published_at == datetime(2024, 4, 11, tzinfo=ZoneInfo("Asia/Seoul"))
    # Signed by the old CMS's login, which is no byline.
    assert (climate.author_ko, climate.author_en) == (None, None)
    assert climate.title_ko in (None, "")
    assert not climate.needs_review

    cut = Post.objects.get(title_en__startswith="Don’t forget to bring your ID")
    assert cut.title_en.endswith("starting from May 20…")
    assert cut.needs_review
    assert (
        cut.summary_en
        == "- NHI’s Mandatory Identification Check, Effective from May 20"
    )

    digest = Post.objects.get(
        title_en__startswith="The Seoul Institute Annual Research"
    )
    assert digest.kind == "publication"
    assert digest.published_at.astimezone(
        ZoneInfo("Asia/Seoul")
    ).date().isoformat() == ("2023-03-10")

    assert set(
        Post.objects.filter(kind="video").values_list("title_en", flat=True)
    ) == {
        "Global Startup City, Seoul – startup-friendly policies",
        "Smart City, Seoul – smart city policies",
        "Clean and Clear City, Seoul – environmental policies",
    }


def test_real_seeds_program_and_partners_are_bilingual():
    import_records(parse_paths(SEEDS))

    program = Program.objects.get()
    assert (program.name_ko, program.name_en, program.slug) == (
        "공유도시 서울",
        "Sharing City Seoul",
        "sharing-city-seoul",
    )
    questions = list(program.faq_entries.values_list("question_ko", flat=True))
    assert questions == [
        "공유도시(Sharing City) 서울은?",
        "'공유도시 서울' 정책을 추진하게 된 이유는?",
    ]
    assert program.faq_entries.first().question_en in (None, "")

    moef = Partner.objects.get(slug="moef")
    assert (moef.name_ko, moef.name_en, moef.short_name, moef.group) == (
        "기획재정부",
        "Ministry of Economy and Finance",
        "MOEF",
        "government",
    )
    assert moef.website == "https://www.moef.go.kr"
    miti = Partner.objects.get(short_name="MITI")
    assert miti.full_name_en == "Metropolis International Training Institute"
    assert miti.description_en.startswith("The main mission of the Metropolis")
    assert miti.description_ko in (None, "")


def test_text_goes_to_the_field_of_its_own_language():
    run()

    post = Post.objects.get()
    assert post.title_en == "Climate Card Sales Hit 1 Million"
    assert post.title_ko in (None, "")
    entry = Program.objects.get().faq_entries.get()
    assert entry.answer_ko == "함께 나누어 활용하는 도시입니다."
    assert entry.answer_en in (None, "")


def test_second_import_creates_nothing_and_changes_nothing():
    run()
    before = snapshot()

    report = run()

    assert snapshot() == before
    for name in ("posts", "partners", "programs"):
        tally = report.tallies[name]
        assert (tally.created, tally.updated, tally.kept) == (0, 0, 0)
        assert tally.unchanged == 1


def test_admin_edit_survives_reimport_and_is_listed():
    run()
    Post.objects.filter().update(title_en="Edited by staff")

    report = run()

    assert Post.objects.get().title_en == "Edited by staff"
    assert report.tallies["posts"].kept == 1
    assert "Edited by staff (doc.txt:1)" in report.summary()


def test_overwrite_replaces_admin_edits():
    run()
    Post.objects.filter().update(title_en="Edited by staff")
    Program.objects.get().faq_entries.update(answer_ko="바뀐 답변")

    report = run(overwrite=True)

    assert Post.objects.get().title_en == "Climate Card Sales Hit 1 Million"
    assert FAQEntry.objects.get().answer_ko == "함께 나누어 활용하는 도시입니다."
    assert report.tallies["posts"].updated == 1
    assert report.tallies["programs"].updated == 1


def test_translation_added_by_staff_is_not_an_edit_and_is_kept():
    run()
    Post.objects.filter().update(title_ko="기후동행카드 100만 장 돌파")

    report = run(text=NEWS.replace("the milestone", "a new milestone"))

    post = Post.objects.get()
    assert report.tallies["posts"].updated == 1
    assert post.body_text_en.endswith("a new milestone.")
    assert post.title_ko == "기후동행카드 100만 장 돌파"


def test_dry_run_writes_nothing_but_reports():
    report = run(dry_run=True)

    assert (
        Post.objects.count()
        == Partner.objects.count()
        == PolicyField.objects.count()
        == 0
    )
    assert report.tallies["posts"].created == 1
    assert "Dry run" in report.summary()


def test_slugs_are_ascii_unique_and_kept_on_reimport():
    text = (
        "• Same title\n  등록일 2023-01-01 글쓴이 s\n"
        "• Same title\n  등록일 2023-01-02 글쓴이 s\n"
        "• 서울 소식\n  등록일 2023-01-03 글쓴이 s\n"
    )
    run(text=text)
    slugs = sorted(Post.objects.values_list("slug", flat=True))

    run(text=text)

    korean, *english = slugs
    assert english == ["same-title", "same-title-2"]
    assert korean.startswith("post-") and korean.isascii()
    assert sorted(Post.objects.values_list("slug", flat=True)) == slugs


def test_a_post_whose_kind_is_now_read_differently_is_updated_not_doubled():
    run()
    post = Post.objects.get()
    [record] = parse_document(NEWS, "doc.txt").posts
    # As an earlier import stored it, when it took the post for a publication.
    as_publication = dataclasses.replace(record, kind="publication")
    assert as_publication.key in record.earlier_keys
    Post.objects.filter(pk=post.pk).update(
        source_key=as_publication.key,
        kind="publication",
        import_fingerprint=fingerprint(importer._post_values(as_publication)),
        # As imports stored rows before fields were hashed one by one.
        import_fields={},
    )

    report = run()

    assert Post.objects.count() == 1
    assert Post.objects.get().kind == "news"
    assert report.tallies["posts"].created == 0


def test_slugs_are_made_from_the_title_in_the_slug_language(settings):
    # Korean titles make no ASCII slug: a Korean slug language falls back to the
    # key-based one even for an English title.
    settings.SLUG_LANGUAGE = "ko"

    run(text="• Same title\n  등록일 2023-01-01 글쓴이 s\n")

    assert Post.objects.get().slug.startswith("post-")
