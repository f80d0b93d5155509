"""Images, rich bodies, videos and publications on the public pages."""

import pytest
from django.urls import reverse

from portal.images.renditions import make_renditions
from portal.models import Post
from tests.conftest import parse
from tests.factories import ImageFactory, PostFactory, ProgramFactory
from tests.portal.images.support import image_bytes, upload

pytestmark = pytest.mark.django_db
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def library_image(**fields):
    image = ImageFactory(file=upload(image_bytes(size=(2000, 1200))), **fields)
    image.renditions = make_renditions(image)
    image.save()
    return image


@pytest.mark.parametrize(
    ("lang", "alt"), [("ko", "한강 자전거길"), ("en", "Cycling by the Han")]
)
def test_the_lead_image_shows_with_its_alt_text_in_each_language(client, lang, alt):
    image = library_image(alt_text_ko="한강 자전거길", alt_text_en="Cycling by the Han")
    image.caption_en = image.caption_ko = "Hangang Park"
    image.credit_en = image.credit_ko = "Seoul Photo Archive"
    image.save()
    PostFactory(slug="bikes", lead_image=image)

    page = parse(client.get(f"/{lang}/posts/bikes/"))

    figure = page.select_one(".article figure.lead-image")
    img = figure.select_one("picture img")
    assert img["alt"] == alt
    assert not img.has_attr("lang")
    assert (img["width"], img["height"]) == ("1200", "675")
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
    webp = figure.select_one("picture source[type='image/webp']")
    assert len(webp["srcset"].split(", ")) == 3 and webp["sizes"]
    assert "Seoul Photo Archive" in figure.figcaption.get_text()


def test_cards_show_images_lazily_except_the_first_on_a_list(client):
    image = library_image()
    for number in range(3):
        PostFactory(slug=f"n{number}", lead_image=image)
    PostFactory(slug="plain")

    page = parse(client.get("/en/news/"))

    cards = page.select(".card")
    images = [card.select_one(".card__image img") for card in cards]
    with_images = [img for img in images if img is not None]
    assert len(with_images) == 3 and len(cards) == 4
    assert with_images[0].get("fetchpriority") == "high"
    assert all(img["loading"] == "lazy" for img in with_images[1:])


def test_a_video_post_shows_a_poster_and_no_player_until_play(client):
    PostFactory(slug="film", kind=Post.Kind.VIDEO, video_url=YOUTUBE)

    response = client.get("/en/posts/film/")
    page = parse(response)

    assert not page.select("iframe")
    assert b"youtube-nocookie" not in response.content
    play = page.select_one("a.video__poster")
    assert play["href"] == "/en/posts/film/play/#player"
    assert page.select_one(f".video__note a[href='{YOUTUBE}']")


def test_the_play_page_embeds_the_privacy_enhanced_player(client):
    PostFactory(slug="film", kind=Post.Kind.VIDEO, video_url=YOUTUBE)

    response = client.get("/en/posts/film/play/")

    frame = parse(response).select_one(".video__frame iframe")
    assert frame["src"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert frame["title"]
    assert response["X-Robots-Tag"] == "noindex"
    policy = response["Content-Security-Policy"]
    frames = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    assert frames.split()[1:] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


def test_a_video_without_a_link_says_so_and_has_nothing_to_play(client):
    PostFactory(slug="soon", kind=Post.Kind.VIDEO, video_url="")

    page = parse(client.get("/en/posts/soon/"))

    assert page.select_one(".video__message")
    assert not page.select("a.video__poster")
    assert client.get("/en/posts/soon/play/").status_code == 404


def test_video_cards_never_pretend_to_play(client):
    PostFactory(
        slug="film", kind=Post.Kind.VIDEO, video_url=YOUTUBE, lead_image=library_image()
    )

    page = parse(client.get("/en/videos/"))

    assert page.select(".card")
    assert not page.select(".card .video__play, .card iframe")


def test_a_publication_offers_its_pdf_with_size_and_pages(client):
    PostFactory(
        slug="report",
        kind=Post.Kind.PUBLICATION,
        file=upload(b"%PDF-1.4\n" + b"0" * 2048, "r.pdf", "application/pdf"),
        file_pages=12,
        file_size=2_400_000,
    )

    page = parse(client.get("/en/publications/"))
    detail = parse(client.get("/en/posts/report/"))

    facts = detail.select_one(".download__facts").get_text()
    assert "12 pages" in facts and "2.3" in facts
    assert detail.select_one(".download a.button")["href"].endswith(".pdf")
    assert page.select(".card")


def test_a_body_shows_library_images_responsively_and_drops_others(client):
    image = library_image(alt_text_en="Map of the new cycle lanes")
    body = (
        f'<figure><img src="/media/{image.file.name}" alt=""><figcaption>Lanes'
        "</figcaption></figure><p>Text</p>"
        '<img src="https://tracker.example/pixel.gif" alt="">'
        "<table><tbody><tr><th>Year</th></tr><tr><td>2024</td></tr></tbody></table>"
    )
    PostFactory(slug="lanes", body_en=body)

    page = parse(client.get("/en/posts/lanes/"))

    prose = page.select_one(".article__body")
    images = prose.select("img")
    assert len(images) == 1
    assert images[0]["alt"] == "Map of the new cycle lanes"
    assert images[0]["loading"] == "lazy" and images[0]["srcset"]
    assert prose.select_one("figure figcaption").get_text() == "Lanes"
    region = prose.select_one("div.table-scroll[role=region]")
    assert region["tabindex"] == "0" and region["aria-label"] and region.table


def test_a_body_image_chosen_in_the_editor_is_its_library_image_in_each_language(
    client,
):
    image = library_image(
        alt_text_ko="새 자전거 도로 지도", alt_text_en="Map of new lanes"
    )
    # Chosen in the editor (data-file), then the library image got a new file:
    # the address in the body is out of date, the reference is not.
    body = (
        f'<figure><img data-file="{image.pk}" src="/media/images/{"0" * 32}.jpg" '
        'alt=""><figcaption>Lanes</figcaption></figure>'
    )
    PostFactory(slug="lanes", body_ko=body, body_en=body)

    for lang, alt in (("ko", "새 자전거 도로 지도"), ("en", "Map of new lanes")):
        prose = parse(client.get(f"/{lang}/posts/lanes/")).select_one(".article__body")
        picture = prose.select_one("figure picture")
        assert picture.select_one("source[type='image/webp']")["srcset"]
        img = picture.select_one("img")
        assert img["alt"] == alt and img["srcset"] and "0" * 32 not in img["src"]
        assert prose.select_one("figure figcaption").get_text() == "Lanes"


def test_a_table_caption_is_shown_and_names_its_scrolling_region(client):
    PostFactory(
        slug="hours",
        body_en="<table><caption>Opening hours</caption><tbody><tr><th>Park</th>"
        "</tr><tr><td>Yeouido</td></tr></tbody></table>",
    )

    prose = parse(client.get("/en/posts/hours/")).select_one(".article__body")

    region = prose.select_one("div.table-scroll[role=region]")
    assert region.table.caption.get_text() == "Opening hours"
    assert region["aria-label"] == "Opening hours"


def test_search_and_descriptions_read_the_words_not_the_markup(client):
    PostFactory(
        slug="rich",
        summary_en="",
        body_en="<p><strong>Shelters</strong> open <em>tonight</em>.</p>",
    )

    page = parse(client.get("/en/posts/rich/"))
    description = page.select_one("meta[name=description]")["content"]
    found = parse(client.get("/en/search/?q=strong"))
    words = parse(client.get("/en/search/?q=shelters"))

    assert description == "Shelters open tonight."
    assert not found.select(".search-results li, .results li")
    assert "Shelters" in words.select_one("main").get_text()


def test_a_programme_shows_its_lead_image(client):
    ProgramFactory(slug="training", lead_image=library_image(alt_text_en="Trainees"))

    page = parse(
        client.get(reverse("portal:program_detail", kwargs={"slug": "training"}))
    )

    assert page.select_one("figure.lead-image img")["alt"]


def test_pages_without_images_show_no_empty_image_boxes(client):
    PostFactory(slug="plain")

    page = parse(client.get("/en/posts/plain/"))
    listing = parse(client.get("/en/news/"))

    assert not page.select("picture, figure.lead-image")
    assert not listing.select(".card__image")


def test_link_previews_show_the_lead_image(client):
    PostFactory(slug="bikes", lead_image=library_image(alt_text_en="Cyclists"))
    PostFactory(slug="plain")

    page = parse(client.get("/en/posts/bikes/"))
    plain = parse(client.get("/en/posts/plain/"))

    image = page.select_one("meta[property='og:image']")["content"]
    assert image.startswith("http://testserver/media/CACHE/") and image.endswith(".jpg")
    assert page.select_one("meta[property='og:image:alt']")["content"] == "Cyclists"
    assert (
        page.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
    )
    assert not plain.select("meta[property='og:image']")


def test_a_home_section_of_announced_videos_is_one_line_not_a_row_of_cards(client):
    PostFactory.create_batch(3, kind=Post.Kind.VIDEO, video_url="")

    section = parse(client.get("/en/")).select_one(
        "section[aria-labelledby=home-videos]"
    )

    assert not section.select(".card")
    assert len(section.select("p")) == 1
    assert section.select_one("a[href='/en/videos/']")


def test_a_video_without_a_link_is_marked_as_coming_on_cards_and_its_page(client):
    PostFactory(slug="soon", kind=Post.Kind.VIDEO, video_url="")
    PostFactory(slug="film", kind=Post.Kind.VIDEO, video_url=YOUTUBE)

    for path in ("/en/", "/en/videos/"):
        cards = {
            card.select_one(".card__title a")["href"].split("/")[-2]: card
            for card in parse(client.get(path)).select("main .card")
        }
        assert cards["soon"].select_one(".badge--coming"), path
        assert not cards["film"].select_one(".badge--coming"), path
    assert parse(client.get("/en/posts/soon/")).select_one(".video .badge--coming")
    assert not parse(client.get("/en/posts/film/")).select_one(".video .badge--coming")
