import time
from datetime import date
from textwrap import dedent

import pytest

from portal.seeds.importer import language_of
from portal.seeds.parser import (
    MAX_LINE,
    SeedFormatError,
    parse_document,
    parse_paths,
    read_document,
)
from portal.seeds.records import stable_key


def parse(text: str):
    return parse_document(dedent(text).lstrip("\n"), "doc.txt")


def test_dated_entry_is_a_post_with_date_author_and_body():
    result = parse(
        """
        • Climate Card Sales Hit 1 Million
            등록일 2024-04-11 글쓴이 기후환경본부
            On Fri, Apr. 5, the Climate Card surpassed the milestone.
        """
    )

    [post] = result.posts
    assert post.kind == "news"
    assert post.title == "Climate Card Sales Hit 1 Million"
    assert post.published_on == date(2024, 4, 11)
    assert post.author == "기후환경본부"
    assert post.body == "On Fri, Apr. 5, the Climate Card surpassed the milestone."
    assert str(post.origin) == "doc.txt:1"


def test_bullet_may_be_indented_and_body_may_span_lines():
    result = parse(
        """
          • Indented title
            등록일 2023-05-22 글쓴이 editor
            First line.
            Second line.

        """
    )

    [post] = result.posts
    assert post.title == "Indented title"
    assert post.body == "First line.\n\nSecond line."


def test_video_prefix_is_dropped_and_videos_have_no_body():
    result = parse(
        """
        • [Video] Smart City, Seoul_smart city policies
            등록일 2023-02-13 글쓴이 seoulsolution
        • Next news
            등록일 2023-02-14 글쓴이 seoulsolution
        """
    )

    video, news = result.posts
    assert video.kind == "video"
    assert video.title == "Smart City, Seoul – smart city policies"
    assert video.body == ""
    assert news.kind == "news"


@pytest.mark.parametrize(
    "title,body,kind",
    [
        ("The Seoul Institute Annual Research Digest 2022", "", "publication"),
        ("Seoul Climate Report 2023", "", "publication"),
        ("Seoul Policy E-book", "", "publication"),
        (
            "Changes to Life in Seoul",
            "SMG published its Guide (ebook) on Tue.",
            "publication",
        ),
        ("Seoul dog patrol program", "Members report danger via 112.", "news"),
    ],
)
def test_books_digests_reports_and_ebooks_are_publications(title, body, kind):
    result = parse(f"• {title}\n  등록일 2023-03-10 글쓴이 x\n  {body}\n")

    assert result.posts[0].kind == kind


def test_cut_off_title_ends_at_a_whole_word_with_an_ellipsis_and_needs_review():
    result = parse(
        """
        • Mayor Oh Announces Master Plan to Boost City’s Com..
            등록일 2024-05-22 글쓴이 seoulsolution
        • Bring your ID to clinics, starting from May 20, 20..
            등록일 2024-05-22 글쓴이 seoulsolution
        • A complete title
            등록일 2024-05-22 글쓴이 seoulsolution
        """
    )

    cut, cut_after_comma, whole = result.posts
    assert cut.title == "Mayor Oh Announces Master Plan to Boost City’s…"
    assert cut_after_comma.title == "Bring your ID to clinics, starting from May 20…"
    assert cut.needs_review and cut_after_comma.needs_review
    assert (whole.title, whole.needs_review) == ("A complete title", False)


def test_cleaning_a_title_keeps_the_key_it_was_imported_under():
    """Rows imported before the cleaning must still be found by the next import."""
    result = parse(
        """
        • [Video] Smart City, Seoul_smart city policies
            등록일 2024-05-22 글쓴이 seoulsolution
        """
    )

    [video] = result.posts
    old_key = stable_key(
        "post", "video", "2024-05-22", "Smart City, Seoul_smart city policies"
    )
    assert video.key == old_key


def test_underscores_from_file_names_leave_video_titles():
    result = parse(
        """
        • [Video] Smart City, Seoul_smart city policies
            등록일 2024-05-22 글쓴이 seoulsolution
        • [Video] Clean and Clear City, Seoul __ environmental policies
            등록일 2024-05-22 글쓴이 seoulsolution
        """
    )

    titles = [post.title for post in result.posts]
    assert titles == [
        "Smart City, Seoul – smart city policies",
        "Clean and Clear City, Seoul – environmental policies",
    ]


@pytest.mark.parametrize("account", ["seoulsolution", "admin01", "smg_news"])
def test_an_account_name_is_not_an_author(account):
    result = parse(
        f"""
        • A post signed by the old CMS
            등록일 2024-05-22 글쓴이 {account}
        • 연구원 소식
            등록일 2024-05-22 글쓴이 서울연구원
        • Institute news
            Date 2024-05-22 Writer Seoul Institute
        """
    )

    assert [post.author for post in result.posts] == [
        "",
        "서울연구원",
        "Seoul Institute",
    ]


def test_undated_bullets_are_partners_without_image_captions():
    result = parse(
        """
        • CITYNET 로고이미지
        • K-Developedia 로고 이미지
        • 서울시청의 로고
        • KDI  로고이미지
        • 서울시립대
        """
    )

    names = [partner.name for partner in result.partners]
    assert names == ["CITYNET", "K-Developedia", "서울시청", "KDI", "서울시립대"]
    assert result.posts == []


def test_partner_followed_by_paragraphs_has_short_name_full_name_and_description():
    result = parse(
        """
        • MITI – Metropolis International Training Institute

        The main mission of MITI is to strengthen capacities.

        MITI is the training centre of Metropolis.
        • Metropolis 로고이미지
        """
    )

    miti, metropolis = result.partners
    assert miti.short_name == "MITI"
    assert miti.full_name == "Metropolis International Training Institute"
    assert miti.description == (
        "The main mission of MITI is to strengthen capacities.\n\n"
        "MITI is the training centre of Metropolis."
    )
    assert metropolis.name == "Metropolis"
    assert metropolis.description == ""


def test_korean_question_block_is_a_program_with_ordered_faq():
    result = parse(
        """
        • 공유도시(Sharing City) 서울은?

        함께 나누어 활용하는 도시입니다.

        '공유도시 서울' 정책을 추진하게 된 이유는?

        사회적 수요는 급증하고 있습니다.
        새로운 방법으로 완화하고자 합니다.
        """
    )

    [program] = result.programs
    assert program.name == "공유도시 서울"
    assert program.english_name == "Sharing City"
    assert [entry.question for entry in program.faq] == [
        "공유도시(Sharing City) 서울은?",
        "'공유도시 서울' 정책을 추진하게 된 이유는?",
    ]
    assert program.faq[0].answer == "함께 나누어 활용하는 도시입니다."
    assert program.faq[1].answer == (
        "사회적 수요는 급증하고 있습니다.\n새로운 방법으로 완화하고자 합니다."
    )
    assert result.partners == []


def test_repeated_entries_are_stored_once():
    text = "• [Video] Smart City\n  등록일 2023-02-13 글쓴이 s\n• ICLEI 로고이미지\n"

    result = parse(text + text)

    assert len(result.posts) == 1
    assert len(result.partners) == 1
    assert result.duplicates == 2


def test_record_identity_does_not_depend_on_file_order(tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("• News A\n  등록일 2023-01-01 글쓴이 s\n• KDI 로고이미지\n")
    second.write_text("• KDI\n• News B\n  등록일 2023-01-02 글쓴이 s\n")

    forward = parse_paths([first, second])
    backward = parse_paths([second, first])

    def keys(result):
        return {r.key for r in [*result.posts, *result.partners]}

    assert keys(forward) == keys(backward)
    assert len(forward.partners) == 1


def test_leading_highlights_become_the_summary():
    result = parse(
        "• Dog patrol\n  등록일 2023-05-12 글쓴이 s\n"
        "  - Ceremony held on Apr. 30 - Attended by 700 teams   "
        "The commission hosted the ceremony. It went well.\n"
    )

    post = result.posts[0]
    assert post.summary == "- Ceremony held on Apr. 30\n- Attended by 700 teams"
    assert post.body == "The commission hosted the ceremony. It went well."


def test_numbered_circled_and_bracketed_markers_start_items_and_paragraphs():
    body = (
        "Measures in four categories: 1. Heat: shelters 2. Flood: warnings. "
        "(Flood) The city will act. <Acceptable Means> ① ID card ② Passport "
        "※ Copies are not accepted."
    )
    result = parse(f"• Summer measures\n  등록일 2023-05-23 글쓴이 s\n  {body}\n")

    assert result.posts[0].body.split("\n") == [
        "Measures in four categories:",
        "1. Heat: shelters",
        "2. Flood: warnings.",
        "",
        "(Flood) The city will act.",
        "",
        "## Acceptable Means",
        "",
        "① ID card",
        "② Passport",
        "",
        "※ Copies are not accepted.",
    ]


def test_numbers_that_are_not_a_list_stay_in_the_text():
    result = parse(
        "• Act\n  등록일 2024-05-24 글쓴이 s\n"
        "  The Act No. 19420 took effect; sales reached 1.008 million.\n"
    )

    assert result.posts[0].body == (
        "The Act No. 19420 took effect; sales reached 1.008 million."
    )


def test_leftovers_of_stripped_links_are_cleaned():
    result = parse(
        "• Guide\n  등록일 2023-01-06 글쓴이 s\n"
        "  Visit the SMG website (, database (, and portal ( “The guide” will help. "
        "Call the centre ( or write.\n"
    )

    assert result.posts[0].body == (
        "Visit the SMG website, database, and portal. “The guide” will help. "
        "Call the centre or write."
    )


def test_lines_outside_any_entry_and_the_pages_own_text_are_warnings():
    result = parse(
        """
        Scraped page header
        • News
            등록일 2023-01-01 글쓴이 s
            Body.

            A second paragraph, as a detail page has it.

            목록
            1 2 3 4 5 다음 ›
        """
    )

    [post] = result.posts
    assert post.body == "Body.\n\nA second paragraph, as a detail page has it."
    assert result.warnings == [
        "doc.txt:1: skipped text before the first entry: 'Scraped page header'",
        "doc.txt:8: skipped the page's own text: '목록'",
        "doc.txt:9: skipped the page's own text: '1 2 3 4 5 다음 ›'",
    ]


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("  등록일 2023-01-01 글쓴이 s\n", 1, "a date line with no title above it"),
        ("• A\n\n  등록일 2023-01-01 글쓴이 s\n", 3, "a date line with no title"),
        ("• A\n  등록일 2023-13-45 글쓴이 s\n", 2, "the date '2023-13-45'"),
        ("• A\n  등록일 0001-01-01 글쓴이 s\n", 2, "a date between 1900 and 2100"),
        ("• A\n  등록일 0224-05-23 글쓴이 s\n", 2, "a date between 1900 and 2100"),
        ("• A\n  등록일 2204.05.23 글쓴이 s\n", 2, "a date between 1900 and 2100"),
        ("• A\n  등록일 yesterday\n", 2, "'등록일 yesterday'"),
        ("• \n", 1, "a bullet with no title"),
        ("• " + "x" * 301 + "\n  등록일 2023-01-01 글쓴이 s\n", 1, "301 characters"),
    ],
)
def test_malformed_entries_name_the_line_and_what_was_expected(text, line, message):
    with pytest.raises(SeedFormatError) as error:
        parse_document(text, "bad.txt")

    assert error.value.path == "bad.txt"
    assert error.value.line == line
    assert message in str(error.value)
    assert "expected" in str(error.value)


@pytest.mark.parametrize(
    "content,found",
    [
        (b"", "an empty file"),
        (b"  \n\n", "an empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        ("* 서울 뉴스\n".encode("euc-kr"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused(tmp_path, content, found):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(SeedFormatError, match=found):
        read_document(path)


def test_missing_path_and_directory_are_refused(tmp_path):
    with pytest.raises(SeedFormatError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(SeedFormatError, match="a directory"):
        read_document(tmp_path)


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(
        "\ufeff• News\r\n  등록일 2023-01-01 글쓴이 s\r\n  Body.\r\n".encode()
    )

    result = parse_paths([path])

    assert result.posts[0].title == "News"
    assert result.posts[0].body == "Body."


@pytest.mark.parametrize(
    "text,lang",
    [
        ("공유도시 서울", "ko"),
        ("Sharing City", "en"),
        ("UN SDG 온라인플랫폼", "ko"),
        ("", "en"),
    ],
)
def test_language_is_korean_when_there_is_hangul(text, lang):
    assert language_of(text) == lang


def test_a_line_longer_than_any_scraped_page_is_refused_with_its_number():
    text = "• Title\n  등록일 2024-01-01 글쓴이 x\n" + "a" * (MAX_LINE + 1) + "\n"

    with pytest.raises(SeedFormatError) as refused:
        parse_document(text, "big.txt")

    assert refused.value.line == 3
    assert f"{MAX_LINE + 1:,}" in str(refused.value)


def test_long_runs_of_spaces_read_as_a_gap_in_linear_time():
    def document(gap: str) -> str:
        return (
            f"• News{gap}..\n  등록일 2024-01-01 글쓴이 Seoul{gap}Institute\n"
            f"  - a{gap}b ({gap}, c .. {gap}?\n"
        )

    started = time.monotonic()
    long = parse_document(document(" " * 30_000), "gaps.txt")
    # Quadratic patterns took minutes on this; linear work takes milliseconds.
    # A guard a thousand times wider than the real cost, so never flaky.
    assert time.monotonic() - started < 10

    short = parse_document(document("  "), "gaps.txt")
    assert long.posts == short.posts and long.posts
    assert long.warnings == short.warnings
