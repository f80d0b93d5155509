"""Moving off the old site: captures of list pages across years and of detail
pages, imported in any order, in one run or many, end as one row per item with
its whole title and fullest body; staff edits survive; the report says per file
what became of every entry.

The documents in ``old_site/`` were written for these tests, the way the old
site (Drupal, 2014-2025) showed the same items over the years: cut titles
("Distr.."), teasers, entities and invisible characters, other marks ("[VIDEO]",
"(Video)"), detail pages with their address, paragraphs and page furniture.
"""

import dataclasses
import io
import itertools
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from portal.languages import localized
from portal.models import FAQEntry, Partner, Post, Program
from portal.seeds.addresses import AddressError
from portal.seeds.curated import load_curated
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_document, parse_paths

pytestmark = pytest.mark.django_db

OLD_SITE = Path(__file__).with_name("old_site")
SEEDS = sorted((settings.BASE_DIR / "seeds").glob("*.txt"))
KOREAN, ENGLISH = settings.SEED_LANGUAGES
BIKES = "Seoul Expands Bike-Sharing Ttareungyi to All 25 Districts"
CENTRES = "서울시, 외국인 주민을 위한 「글로벌 센터」 5곳 추가 개관"


def captures(*names: str) -> list[Path]:
    return (
        [OLD_SITE / name for name in names] if names else sorted(OLD_SITE.glob("*.txt"))
    )


def import_files(paths, **options):
    return import_records(parse_paths(paths), **options)


def column(field: str, language: str) -> str:
    return localized(field, language)


def stored() -> dict:
    """Everything a visitor or an editor could tell apart, per post."""
    return {
        (post.published_at.date(), post.kind): {
            "title": {
                code: getattr(post, column("title", code)) for code in (KOREAN, ENGLISH)
            },
            "body": {
                code: getattr(post, column("body", code)) for code in (KOREAN, ENGLISH)
            },
            "summary": getattr(post, column("summary", ENGLISH)),
            "author": {
                code: getattr(post, column("author", code))
                for code in (KOREAN, ENGLISH)
            },
            "needs_review": post.needs_review,
            "slug": post.slug,
            "status": post.status,
            "policy_field": post.policy_field_id,
        }
        for post in Post.objects.order_by("published_at")
    }


def bikes() -> Post:
    return Post.objects.get(**{column("title", ENGLISH): BIKES})


def test_every_capture_at_once_gives_one_post_per_item_whole_and_full():
    report = import_files(captures())

    assert Post.objects.count() == 4
    post = bikes()
    assert post.kind == "news"
    assert post.published_at == datetime(2016, 3, 2, tzinfo=ZoneInfo("Asia/Seoul"))
    assert post.needs_review is False
    assert getattr(post, column("author", ENGLISH)) == "Bike Policy Division"
    assert getattr(post, column("title", KOREAN)) in (None, "")
    body = getattr(post, column("body_text", ENGLISH))
    assert body.startswith("The Seoul Metropolitan Government (SMG) expanded")
    assert "or the Seoul Bike app." in body
    assert "The city plans 20,000 bikes by 2020." in body
    # The page around the body is not the body.
    assert "목록" not in body and "Facebook" not in body
    html = getattr(post, column("body", ENGLISH))
    assert html.count("<p>") == 3

    centre = Post.objects.get(**{column("title", KOREAN): CENTRES})
    assert getattr(centre, column("author", KOREAN)) == "글로벌도시정책과"
    assert "모든 서비스는 무료다." in getattr(centre, column("body_text", KOREAN))
    assert not centre.needs_review

    # An entity and a zero-width space in one list, a different mark in another.
    video = Post.objects.get(kind="video")
    assert getattr(video, column("title", ENGLISH)) == "Seoul’s Han River Parks"

    centre_news = Post.objects.get(
        **{f"{column('title', ENGLISH)}__startswith": "Seoul Opens Its First Sharing"}
    )
    # Not a teaser (it ends a sentence): the later capture's text wins.
    assert getattr(centre_news, column("body_text", ENGLISH)).endswith(
        "It opened in City Hall."
    )
    assert report.tally("posts").created == 4


def test_runs_in_any_order_and_any_split_end_the_same():
    files = captures()
    import_files(files)
    at_once = stored()

    for order in (list(reversed(files)), files[3:] + files[:3]):
        Post.objects.all().delete()
        Partner.objects.all().delete()
        Program.objects.all().delete()
        for path in order:
            import_files([path])
        assert stored() == {
            key: {**value, "slug": stored()[key]["slug"]}
            for key, value in at_once.items()
        }
        assert Post.objects.count() == 4


def test_a_detail_page_completes_the_row_a_list_page_stored():
    first = import_files(captures("2016-03_list.txt"))
    cut = Post.objects.get(published_at__date="2016-03-02")
    assert cut.needs_review
    assert getattr(cut, column("title", ENGLISH)).endswith("All 25…")
    assert first.tally("posts").created == 3

    report = import_files(captures("2020-02_detail_9826.txt"))

    post = Post.objects.get(published_at__date="2016-03-02")
    assert post.pk == cut.pk and Post.objects.count() == 3
    assert getattr(post, column("title", ENGLISH)) == BIKES
    assert not post.needs_review
    assert "The city plans 20,000 bikes" in getattr(post, column("body_text", ENGLISH))
    assert report.tally("posts").completed == 1
    assert "line 1: completed post Seoul Expands" in report.summary()
    assert "title and body made whole" in report.summary()

    # The list page again, later: it cuts nothing back.
    again = import_files(captures("2016-03_list.txt"))

    post = Post.objects.get(published_at__date="2016-03-02")
    assert getattr(post, column("title", ENGLISH)) == BIKES
    assert "20,000 bikes" in getattr(post, column("body_text", ENGLISH))
    assert Post.objects.count() == 3
    assert again.tally("posts").unchanged == 3


def test_a_second_run_changes_nothing():
    import_files(captures())
    before = stored()
    stamps = sorted(Post.objects.values_list("pk", "updated_at"))

    report = import_files(captures())

    assert stored() == before
    assert sorted(Post.objects.values_list("pk", "updated_at")) == stamps
    assert report.tally("posts").unchanged == 4
    assert report.tally("posts").created == report.tally("posts").updated == 0


def test_the_same_item_spelt_differently_is_stored_once(tmp_path):
    decomposed = unicodedata.normalize("NFD", CENTRES)
    assert decomposed != CENTRES
    (tmp_path / "a.txt").write_text(
        f"• {CENTRES}\n  등록일 2017-12-04 글쓴이 s\n  본문입니다.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        f"• {decomposed}\u200b\n  등록일 2017.12.04 글쓴이 s\n  본문입니다.\n",
        encoding="utf-8",
    )
    import_files([tmp_path / "a.txt"])
    import_files([tmp_path / "b.txt"])

    assert Post.objects.count() == 1
    assert getattr(Post.objects.get(), column("title", KOREAN)) == CENTRES


def test_each_file_is_told_what_became_of_each_entry():
    out = io.StringIO()
    call_command(
        "import_seeds", *map(str, captures()), stdout=out, stderr=io.StringIO()
    )
    text = out.getvalue()

    detail = str(OLD_SITE / "2020-02_detail_9826.txt")
    old_list = str(OLD_SITE / "2016-03_list.txt")
    later_list = str(OLD_SITE / "2019-11_list.txt")
    report = text[text.index(f"{old_list}:") :]
    heads = [report.index(f"\n{path}: ") for path in (later_list, detail)]
    assert report.startswith(f"{old_list}: ") and heads == sorted(heads)
    assert f"{old_list}: 3 merged\n  line 1: merged post {BIKES} (with {detail}:1)" in (
        report
    )
    assert f"{later_list}: 2 created, 1 merged\n" in report
    assert f"{detail}: 1 created\n  line 1: created post {BIKES}\n" in report

    again = io.StringIO()
    call_command(
        "import_seeds", *map(str, captures()), stdout=again, stderr=io.StringIO()
    )
    assert f"{detail}: 1 unchanged\n" in again.getvalue()
    assert "unchanged post" not in again.getvalue()

    every = io.StringIO()
    call_command(
        "import_seeds",
        *map(str, captures()),
        verbosity=2,
        stdout=every,
        stderr=io.StringIO(),
    )
    assert f"{detail}: 1 unchanged\n  line 1: unchanged post {BIKES}" in (
        every.getvalue()
    )


def test_a_later_capture_with_a_new_question_adds_it():
    import_files(SEEDS)
    program = Program.objects.get()
    assert program.faq_entries.count() == 2

    report = import_files(captures("2021-05_sharing_city.txt"))

    questions = list(
        program.faq_entries.order_by("order").values_list(
            column("question", KOREAN), flat=True
        )
    )
    assert questions[-1] == "공유도시 서울에 참여하려면 어떻게 하나요?"
    assert len(questions) == 3
    assert report.tally("programs").updated == 1
    assert report.tally("programs").kept == 0
    assert "1 new FAQ entries" in report.summary()


def test_staff_edits_survive_a_fuller_capture_field_by_field():
    import_files(captures("2016-03_list.txt"))
    post = Post.objects.get(published_at__date="2016-03-02")
    setattr(post, column("title", ENGLISH), "Ttareungyi reaches every district")
    post.save()

    report = import_files(captures("2020-02_detail_9826.txt"))

    post.refresh_from_db()
    # The title staff wrote is kept; the body staff did not touch is completed.
    assert (
        getattr(post, column("title", ENGLISH)) == "Ttareungyi reaches every district"
    )
    assert "20,000 bikes" in getattr(post, column("body_text", ENGLISH))
    assert Post.objects.filter(published_at__date="2016-03-02").count() == 1
    assert "kept staff's" in report.summary()


def test_an_answer_staff_edited_is_kept_and_a_question_they_deleted_stays_gone():
    import_files(SEEDS)
    program = Program.objects.get()
    first, second = program.faq_entries.order_by("order")
    setattr(first, column("answer", KOREAN), "편집자가 고친 답변입니다.")
    first.save()
    second.delete()

    report = import_files(captures("2021-05_sharing_city.txt"))

    answers = list(
        program.faq_entries.order_by("order").values_list(
            column("question", KOREAN), column("answer", KOREAN)
        )
    )
    assert answers[0][1] == "편집자가 고친 답변입니다."
    assert [question for question, _ in answers] == [
        "공유도시(Sharing City) 서울은?",
        "공유도시 서울에 참여하려면 어떻게 하나요?",
    ]
    assert report.tally("programs").updated == 1

    overwritten = import_files(captures("2021-05_sharing_city.txt"), overwrite=True)

    assert program.faq_entries.count() == 3
    assert getattr(
        program.faq_entries.order_by("order").first(), column("answer", KOREAN)
    ).startswith("시간, 공간")
    assert overwritten.tally("programs").updated == 1


def test_overwrite_never_drops_curated_facts_no_capture_holds():
    import_files(captures("2018-07_partners.txt"))
    bank = Partner.objects.get(**{column("name", ENGLISH): "World Bank"})
    group = next(value for value in Partner.Group.values if value != bank.group)
    bank.short_name, bank.group = "WB", group
    bank.website = "https://www.worldbank.org/"
    bank.save()

    import_files(captures("2018-07_partners.txt"), overwrite=True)

    bank.refresh_from_db()
    assert (bank.short_name, bank.group, bank.website) == (
        "WB",
        group,
        "https://www.worldbank.org/",
    )


def test_partner_captions_of_other_years_are_not_names():
    import_files(captures("2018-07_partners.txt"))

    names = {
        getattr(partner, column("name", ENGLISH))
        or getattr(partner, column("name", KOREAN))
        for partner in Partner.objects.all()
    }
    # "KOTRA 홈페이지 바로가기 (새창)" is the curated KOTRA.
    kotra = Partner.objects.get(short_name="KOTRA")
    assert names == {
        getattr(kotra, column("name", ENGLISH)),
        "World Bank",
        "metropolis",
        "서울디지털재단",
    }


@pytest.mark.parametrize(
    "mark,kind",
    [
        ("[VIDEO]", "video"),
        ("(Video)", "video"),
        ("【영상】", "video"),
        ("[동영상]", "video"),
        ("Video:", "video"),
        ("[Publication]", "publication"),
        ("[발간물]", "publication"),
        ("[보도자료]", "news"),
    ],
)
def test_the_old_sites_marks_say_what_an_entry_is(mark, kind):
    [post] = parse_document(
        f"• {mark} Seoul at night\n  등록일 2020-01-01 글쓴이 s\n", "doc.txt"
    ).posts
    assert (post.kind, post.title) == (kind, "Seoul at night")


def test_every_merge_order_of_three_copies_gives_the_same_record():
    files = captures("2016-03_list.txt", "2019-11_list.txt", "2020-02_detail_9826.txt")
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in files]
    results = set()
    for order in itertools.permutations(texts):
        merged = None
        for path, text in order:
            result = parse_document(text, path)
            if merged is None:
                merged = result
            else:
                merged.extend(result)
        [whole] = [post for post in merged.posts if post.title == BIKES]
        results.add((whole.title, whole.body, whole.needs_review))
    # The body is the detail page's whatever the order: the lists only tease it.
    assert len(results) == 1
    assert "20,000 bikes" in results.pop()[1]


def test_entries_are_counted_once_and_faq_entries_once():
    import_files(captures())
    import_files(captures())

    assert FAQEntry.objects.count() == 3
    assert Partner.objects.count() == 4


def test_addresses_in_captures_lead_to_the_items_pages(client):
    import_files(captures())

    post = bikes()
    english = client.get(f"/{ENGLISH}/node/9826")
    assert english.status_code == 301
    assert english["Location"] == f"/{ENGLISH}/posts/{post.slug}/"
    # The same item asked for in the other language: that language's page.
    korean = client.get(f"/{KOREAN}/node/9826")
    assert korean["Location"] == f"/{KOREAN}/posts/{post.slug}/"

    centre = Post.objects.get(**{column("title", KOREAN): CENTRES})
    assert client.get(f"/{KOREAN}/node/6306/")["Location"] == (
        f"/{KOREAN}/posts/{centre.slug}/"
    )
    # An address nobody recorded still leads somewhere: that language's home.
    unknown = client.get(f"/{ENGLISH}/content/9366")
    assert (unknown.status_code, unknown["Location"]) == (301, f"/{ENGLISH}/")


def test_a_second_run_records_no_address_again():
    first = import_files(captures())
    again = import_files(captures())

    assert first.addresses == 2
    assert again.addresses == 0
    assert "2 old addresses recorded as redirects" in first.summary()


def test_the_curated_file_maps_addresses_no_capture_shows(client):
    import_files(SEEDS)
    curated = load_curated()
    mapped = dataclasses.replace(
        curated,
        old_addresses={
            f"/{ENGLISH}/content/9366": {"program": "공유도시 서울"},
            f"https://www.seoulsolution.kr/{ENGLISH}/node/77": (
                f"/{ENGLISH}/partners/"
            ),
        },
    )

    report = import_records(parse_paths(SEEDS), curated=mapped)

    program = Program.objects.get()
    assert report.addresses == 2
    assert client.get(f"/{ENGLISH}/content/9366")["Location"] == (
        f"/{ENGLISH}/programs/{program.slug}/"
    )
    assert client.get(f"/{ENGLISH}/node/77")["Location"] == f"/{ENGLISH}/partners/"
    # Without a prefix: the default language's page.
    assert client.get("/node/77")["Location"] == (
        f"/{settings.LANGUAGE_CODE}/partners/"
    )


def test_a_curated_address_naming_nothing_stops_the_import():
    curated = dataclasses.replace(
        load_curated(),
        old_addresses={f"/{ENGLISH}/node/5": {"post": "No such post"}},
    )

    with pytest.raises(AddressError, match="no post named 'No such post'"):
        import_records(parse_paths(SEEDS), curated=curated)
    assert Post.objects.count() == 0


TWO_PLATFORMS = """\
• Seoul Launches Smart City Platform for Citizens
    등록일 2024-03-05 글쓴이 s
    Residents can report broken streetlights and book public spaces online.
• Seoul Launches Smart City Platform for Tourists
    등록일 2024-03-05 글쓴이 s
    Visitors can find guides, passes and events in eight languages.
"""
CUT_TOURISTS = """\
• Seoul Launches Smart City Platform for To..
    등록일 2024-03-05 글쓴이 s
    Visitors can find guides, passes and even
"""


def test_a_cut_title_joins_the_post_its_half_word_and_teaser_name():
    result = parse_document(TWO_PLATFORMS, "2024.txt")
    result.extend(parse_document(CUT_TOURISTS, "2025.txt"))

    assert len(result.posts) == 2
    citizens, tourists = result.posts
    assert citizens.body.startswith("Residents can report")
    assert tourists.body.endswith("eight languages.")


def test_a_cut_title_finds_the_stored_post_it_begins_not_its_neighbour(tmp_path):
    (tmp_path / "2024.txt").write_text(TWO_PLATFORMS, encoding="utf-8")
    (tmp_path / "2025.txt").write_text(CUT_TOURISTS, encoding="utf-8")
    import_files([tmp_path / "2024.txt"])

    report = import_files([tmp_path / "2025.txt"])

    assert Post.objects.count() == 2
    citizens = Post.objects.get(**{f"{column('title', ENGLISH)}__endswith": "Citizens"})
    assert "streetlights" in getattr(citizens, column("body_text", ENGLISH))
    assert report.tally("posts").unchanged == 1


def test_a_cut_title_two_posts_could_be_stays_apart_and_flagged(tmp_path):
    ambiguous = (
        "• Seoul Launches Smart City Platform for..\n  등록일 2024-03-05 글쓴이 s\n"
    )
    (tmp_path / "2024.txt").write_text(TWO_PLATFORMS, encoding="utf-8")
    (tmp_path / "2025.txt").write_text(ambiguous, encoding="utf-8")

    import_files([tmp_path / "2024.txt", tmp_path / "2025.txt"])

    assert Post.objects.count() == 3
    assert Post.objects.filter(needs_review=True).count() == 1


def test_one_old_address_on_two_posts_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(
        "• First post\n  Date 2020-01-01 Writer s\n  /en/node/42\n"
        "• Second post\n  Date 2020-01-02 Writer s\n  /en/node/42\n",
        encoding="utf-8",
    )

    report = import_files([tmp_path / "a.txt"])

    assert any(
        "a.txt:4: the old address /en/node/42 was already another post's" in warning
        for warning in report.warnings
    )
