"""Images, a rich body, videos and a publication added to the seeded portal.

The seeds hold no images; the browser checks, Lighthouse and the screenshots
need pages that do. ``add_media_content()`` adds them the way staff would (the
library's upload checks, renditions, a PDF cover) and returns the paths of the
pages that show them. Runs in the test process or, through ``served_site(media=
True)``, in a Django process on a served site's database.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image as Pillow
from PIL import ImageDraw

from portal.images.covers import cover_from_pdf
from portal.images.renditions import store_renditions
from portal.models import Image, Post, Program
from portal.uploads.checks import rewritten

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def photo(size=(2400, 1350), seed: int = 0) -> bytes:
    """A photo-like picture: a sky gradient, hills and a few buildings."""
    width, height = size
    image = Pillow.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(90 + 120 * shade), int(150 + 60 * shade), int(220 - 40 * shade)),
        )
    draw.polygon(
        [(0, height * 0.7), (width * 0.35, height * 0.45), (width, height * 0.75),
         (width, height), (0, height)],
        fill=(40 + seed * 20, 110, 60),
    )  # fmt: skip
    for number in range(9):
        left = width * (0.08 + number * 0.1)
        top = height * (0.35 + (number * 37 % 20) / 100)
        draw.rectangle(
            [left, top, left + width * 0.06, height * 0.9], fill=(70, 80, 95)
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def library_image(data: bytes, **text) -> Image:
    upload = SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
    image = Image(file=rewritten(upload), **text)
    image.full_clean()
    image.save()
    store_renditions(image)
    return image


def pdf(pages: int = 4) -> bytes:
    sheets = []
    for number in range(pages):
        sheet = Pillow.new("RGB", (595, 842), (250, 250, 245))
        ImageDraw.Draw(sheet).rectangle([60, 80, 535, 300], fill=(11, 79, 138 + number))
        sheets.append(sheet)
    buffer = io.BytesIO()
    sheets[0].save(buffer, format="PDF", save_all=True, append_images=sheets[1:])
    return buffer.getvalue()


def rich_body(image: Image) -> str:
    return (
        "<p>The Seoul Metropolitan Government opened shaded rest areas along the Han "
        "River, with <strong>free water</strong> and <em>cooling mist</em>.</p>"
        "<h2>Where and when</h2>"
        "<table><caption>Opening hours of the rest areas</caption>"
        "<tbody><tr><th><p>Park</p></th><th><p>Open</p></th></tr>"
        "<tr><td><p>Yeouido</p></td><td><p>10:00–22:00</p></td></tr>"
        "<tr><td><p>Ttukseom</p></td><td><p>10:00–21:00</p></td></tr></tbody></table>"
        f'<figure><img data-file="{image.pk}" src="/media/{image.file.name}" alt="">'
        "<figcaption>Rest areas along the river</figcaption></figure>"
        "<blockquote><p>Nobody should face the heat alone.</p></blockquote>"
        "<ul><li>Open every day in July and August</li><li>No booking needed</li></ul>"
        '<p class="source">Source: Seoul Metropolitan Government</p>'
    )


def add_media_content() -> dict[str, str]:
    river = library_image(
        photo(),
        alt_text_ko="한강 둔치의 그늘 쉼터에서 쉬는 시민들",
        alt_text_en="People resting in a shaded area by the Han River",
        caption_ko="여의도 한강공원",
        caption_en="Yeouido Hangang Park",
        credit_ko="서울시",
        credit_en="Seoul Metropolitan Government",
    )
    hills = library_image(
        photo(seed=2),
        alt_text_ko="서울 도심과 북한산",
        alt_text_en="Downtown Seoul with Bukhansan behind it",
        focal_x=30,
        focal_y=60,
    )
    published = Post.objects.published()
    news = list(published.of_kind(Post.Kind.NEWS)[:3])
    for post, image in zip(news, (river, hills, river), strict=False):
        post.lead_image = image
        post.save()
    article = news[0]
    article.body_en = rich_body(river)
    article.save()
    videos = list(published.of_kind(Post.Kind.VIDEO)[:2])
    videos[0].video_url, videos[0].lead_image = YOUTUBE, hills
    videos[0].save()
    videos[1].video_url = ""
    videos[1].save()
    publication = published.of_kind(Post.Kind.PUBLICATION).first()
    publication.file = SimpleUploadedFile("report.pdf", pdf(), "application/pdf")
    publication.save()
    cover_from_pdf(publication)
    program = Program.objects.published().first()
    program.lead_image = river
    program.save()
    with translation.override("ko"):
        return _paths(article, videos, publication, program)


def _paths(article, videos, publication, program) -> dict[str, str]:
    """Paths without the language prefix: ``/{lang}`` goes in front."""
    return {
        "post with images": article.get_absolute_url()[3:],
        "video": videos[0].get_absolute_url()[3:],
        "video playing": videos[0].get_absolute_url()[3:] + "play/",
        "video without link": videos[1].get_absolute_url()[3:],
        "publication": publication.get_absolute_url()[3:],
        "publication list": "/publications/",
        "programme with image": program.get_absolute_url()[3:],
    }
