"""What captures of the site from other years and pages hold, read right."""

import re
from datetime import date

import pytest

from portal.seeds.bodies import readable_paragraphs, sentences
from portal.seeds.importer import language_of
from portal.seeds.parser import SeedFormatError, parse_document, parse_paths

NBSP = "\u00a0"


def one_post(title: str, date_line: str, body: str = ""):
    text = f"• {title}\n  {date_line}\n" + (f"  {body}\n" if body else "")
    [post] = parse_document(text, "capture.txt").posts
    return post


@pytest.mark.parametrize(
    "line",
    [
        "등록일 2024-03-05 글쓴이 Seoul Institute",
        "등록일 2024.03.05 글쓴이 Seoul Institute",
        "등록일 2024/03/05 글쓴이 Seoul Institute",
        "등록일 2024.3.5. 글쓴이 Seoul Institute",
        "Date 2024-03-05 Writer Seoul Institute",
    ],
)
def test_every_date_line_form_gives_the_date_and_author(line):
    post = one_post("Seoul news", line, "Body text.")

    assert (post.published_on, post.author) == (date(2024, 3, 5), "Seoul Institute")
    assert post.body == "Body text."


@pytest.mark.parametrize(
    "counter", ["조회수 1,234 READS", "조회수 1234", "조회수 12 reads", "Views 5,001"]
)
def test_a_view_counter_belongs_to_neither_author_nor_body(counter):
    post = one_post(
        "서울 소식", f"등록일 2017-06-01 글쓴이 서울연구원 {counter}", "본문."
    )

    assert post.author == "서울연구원"
    assert post.body == "본문."


@pytest.mark.parametrize(
    "line",
    [
        "등록일 2024.02.30 글쓴이 s",
        "등록일 2024/13/01 글쓴이 s",
        "Date 2024-00-10 Writer s",
    ],
)
def test_impossible_dates_are_still_refused_with_file_and_line(line):
    with pytest.raises(SeedFormatError) as error:
        parse_document(f"• Title\n  {line}\n", "capture.txt")

    assert "capture.txt:2" in str(error.value)


def test_body_text_starting_with_date_is_not_a_date_line():
    post = one_post(
        "Heat shelters", "Date 2024-07-01 Writer seoulsolution", "Opening hours below."
    )
    text = "• Shelters\n  등록일 2024-07-01 글쓴이 s\n  Date and place: Yeouido.\n"

    assert post.body == "Opening hours below."
    assert parse_document(text).posts[0].body == "Date and place: Yeouido."


@pytest.mark.parametrize("body", ["", "서울의 기후 정책을 소개하는 영상입니다."])
def test_korean_video_prefix_makes_a_video_and_leaves_the_title(body):
    post = one_post("[영상자료] 기후동행도시 서울", "등록일 2024-02-01 글쓴이 s", body)

    assert (post.kind, post.title) == ("video", "기후동행도시 서울")


@pytest.mark.parametrize(
    ("title", "body", "kind"),
    [
        (
            "서울기술연구원, 스마트시티 기술 세미나 개최",
            "연구원은 세미나를 열었다.",
            "news",
        ),
        ("서울연구원 개원 30주년 기념 포럼", "서울연구원은 포럼을 열었다.", "news"),
        ("Seoul Institute of Technology hosts a research forum", "", "news"),
        ("Seoul tops the Global Liveability Index", "The index ranks cities.", "news"),
        (
            "Going Together with the Socially Neglected Index",
            "According to the World Inequality Report 2022, inequality worsened.",
            "news",
        ),
        ("Citizens Report Potholes Through a New App", "", "news"),
        ("2023 서울시 기후환경 백서", "", "publication"),
        ("서울연구원, 「서울 도시계획 보고서」 발간", "", "publication"),
        ("서울시 정책 전자책", "", "publication"),
        ("서울 생활 안내", "이 책은 서울 생활을 안내한다.", "publication"),
        ("Seoul Statistical Yearbook 2023", "", "publication"),
        ("Seoul Climate Report 2023", "", "publication"),
        ("Seoul Policy Digest", "", "publication"),
        ("Changes to Life in Seoul", "SMG published it (e-book) today.", "publication"),
        ("Seoul Guide for Newcomers", "This book explains the city.", "publication"),
        ("SMG releases its annual climate report", "", "publication"),
    ],
)
def test_publications_are_what_the_text_says_they_are(title, body, kind):
    assert one_post(title, "등록일 2024-01-10 글쓴이 s", body).kind == kind


def test_the_later_capture_wins_whatever_order_the_files_are_given(tmp_path):
    entry = "• Climate Card\n  등록일 2024-04-11 글쓴이 s\n  {}\n"
    early, late = tmp_path / "2023-01_news.txt", tmp_path / "2024-06_news.txt"
    early.write_text(entry.format("First capture."), encoding="utf-8")
    late.write_text(entry.format("Later capture, corrected."), encoding="utf-8")

    for order in ([early, late], [late, early]):
        result = parse_paths(order)
        assert [post.body for post in result.posts] == ["Later capture, corrected."]
        assert result.duplicates == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The city expanded its bike-share system (따릉이) to 45,000 bikes.", "en"),
        ("Seoul’s public bikes, called Ttareungyi (따릉이), are cheap.", "en"),
        ("서울시는 Climate Card를 출시했다.", "ko"),
        ("서울 Smart City Week 개최", "ko"),
        ("Seoul", "en"),
        ("서울", "ko"),
    ],
)
def test_language_is_decided_by_the_share_of_hangul(text, lang):
    assert language_of(text) == lang


@pytest.mark.parametrize(
    "title", ["KOICA 로고", "KOICA 로고이미지", "KOICA 로고 이미지", "KOICA의 로고"]
)
def test_partner_captions_are_removed(title):
    [partner] = parse_document(f"• {title}\n").partners

    assert partner.name == "KOICA"


@pytest.mark.parametrize("gap", [" ", "   ", NBSP, f"{NBSP}{NBSP} ", ""])
def test_section_labels_start_a_paragraph_whatever_spaces_follow(gap):
    body = (
        f"The plan has two parts. (Care){gap}The city will visit the elderly. "
        f"(Extreme heat){gap}Shelters open in July."
    )
    post = one_post("Summer plan", "등록일 2024-05-01 글쓴이 s", body)

    assert post.body.split("\n\n") == [
        "The plan has two parts.",
        f"(Care){' ' if gap else ''}The city will visit the elderly.",
        f"(Extreme heat){' ' if gap else ''}Shelters open in July.",
    ]


def test_no_break_spaces_become_spaces():
    post = one_post(
        "Seoul", "등록일 2024-05-01 글쓴이 s", f"Seoul{NBSP}City{NBSP}Hall opens."
    )

    assert post.body == "Seoul City Hall opens."


def test_angle_brackets_inside_a_sentence_are_a_title_not_a_heading():
    body = (
        "The city published <Seoul Guide> for newcomers. <서울 가이드>는 무료입니다. "
        "<How to apply> Visit the website."
    )
    post = one_post("Guide", "등록일 2024-05-01 글쓴이 s", body)

    blocks = post.body.split("\n\n")
    assert blocks[0] == "The city published <Seoul Guide> for newcomers."
    assert "<서울 가이드>는 무료입니다." in blocks[1]
    assert "## How to apply" in blocks


def test_leftovers_of_stripped_korean_links_are_tidied():
    body = (
        "자세한 내용은 서울시 누리집(과 정책 포털(에서 볼 수 있습니다. "
        "문의(02-120)는 다산콜센터."
    )
    post = one_post("안내", "등록일 2024-05-01 글쓴이 s", body)

    assert post.body == (
        "자세한 내용은 서울시 누리집과 정책 포털에서 볼 수 있습니다. "
        "문의(02-120)는 다산콜센터."
    )


ENGLISH_SENTENCES = [
    f"Sentence {number} says the city will act on Jan. {number} with Mr. Oh "
    "and partners in the U.S. to expand shelters for residents."
    for number in range(1, 41)
]
KOREAN_SENTENCES = [
    f"서울시는 {number}번째 쉼터를 열고 어르신과 취약계층을 위한 "
    "돌봄을 강화한다고 밝혔다."
    for number in range(1, 41)
]


@pytest.mark.parametrize("sentence_list", [ENGLISH_SENTENCES, KOREAN_SENTENCES])
def test_a_long_run_is_split_into_paragraphs_at_sentence_ends(sentence_list):
    run = " ".join(sentence_list)
    post = one_post("Long", "등록일 2024-05-01 글쓴이 s", run)

    paragraphs = post.body.split("\n\n")
    assert len(paragraphs) > 5
    assert all(len(paragraph.split()) < 120 for paragraph in paragraphs)
    # No sentence is cut: every paragraph is whole sentences, in order.
    assert " ".join(paragraphs) == run
    for paragraph in paragraphs:
        assert paragraph.endswith(".")
        assert sum(paragraph.count(s) for s in sentence_list) == len(
            sentences(paragraph)
        )


def test_abbreviations_and_numbers_are_not_sentence_ends():
    text = "On Jan. 3 Mr. Oh met the U.S. team. It cost 0.5 billion won. Done."

    assert sentences(text) == [
        "On Jan. 3 Mr. Oh met the U.S. team.",
        "It cost 0.5 billion won.",
        "Done.",
    ]


def test_one_very_long_sentence_is_never_cut():
    sentence = (
        "The city " + " and ".join(f"opens shelter {n}" for n in range(200)) + "."
    )

    assert readable_paragraphs(sentence) == [sentence]


def test_short_bodies_keep_their_paragraphs():
    assert readable_paragraphs("One. Two. Three. Four.") == ["One. Two. Three. Four."]
    assert not re.search(
        r"\n", one_post("x", "등록일 2024-01-01 글쓴이 s", "A. B.").body
    )
