"""Pages whose images and files live in an S3 bucket, on a real S3 server.

Served through the bucket's own address (public) or through signed addresses
(private bucket): every ``src`` and ``srcset`` points into the bucket and
answers there, and rendering a page asks the bucket nothing: the renditions
made are recorded on the image's row, and addresses are built, not looked up.
"""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from portal.images.covers import cover_from_pdf
from portal.models import Post
from tests.conftest import parse, use_bucket
from tests.factories import PostFactory
from tests.portal.admin.test_images import pdf_bytes
from tests.portal.pages.test_media import library_image
from tests.support.s3_server import fetched

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["public", "signed"])
def bucket(request, s3_server, settings):
    signed = request.param == "signed"
    bucket = s3_server.new_bucket(public=not signed)
    use_bucket(settings, s3_server, bucket, DJANGO_S3_SIGNED_URLS="1" if signed else "")
    return bucket


@pytest.fixture
def pages(bucket):
    """A post with a lead image and one in its body, and a publication."""
    image = library_image(alt_text_en="Cycling by the Han")
    body = (
        "<p>Rest areas by the river.</p>"
        # As the body editor writes it on S3: the bucket's absolute address.
        f'<figure><img data-file="{image.pk}" src="{image.file.url}" alt=""></figure>'
    )
    post = PostFactory(lead_image=image, body_en=body)
    publication = PostFactory(kind=Post.Kind.PUBLICATION)
    publication.file.save("report.pdf", ContentFile(pdf_bytes(2)), save=True)
    assert cover_from_pdf(publication)
    return [
        post.get_absolute_url().replace("/ko/", "/en/", 1),
        publication.get_absolute_url().replace("/ko/", "/en/", 1),
        "/en/news/",
        "/en/publications/",
        "/en/",
    ]


def requests_to_the_bucket() -> list[str]:
    """Every request the storage's S3 client sends from now on."""
    sent = []
    events = default_storage.connection.meta.client.meta.events
    events.register("before-send.s3", lambda request, **kwargs: sent.append(request))
    return sent


def addresses(response) -> set[str]:
    page = parse(response)
    found = {element["src"] for element in page.select("img[src]")}
    for source in page.select("[srcset]"):
        found |= {item.split()[0] for item in source["srcset"].split(", ")}
    found |= {link["href"] for link in page.select("a[href$='.pdf'], a[download]")}
    return found


def test_pages_show_the_buckets_files_without_asking_the_bucket(
    client, bucket, pages, settings
):
    sent = requests_to_the_bucket()

    rendered = {path: client.get(path) for path in pages}

    assert sent == []
    assert all(response.status_code == 200 for response in rendered.values())
    shown = set().union(*map(addresses, rendered.values()))
    prefix = f"{default_storage.endpoint_url}/{bucket}/"
    media = {address for address in shown if address.startswith(prefix)}
    # The lead image and the body image in WebP and JPEG, the cover, the PDF.
    assert len(media) > 10
    assert not any(address.startswith("/media/") for address in shown)
    assert all(fetched(address) == 200 for address in media)


@pytest.mark.parametrize("bucket", ["signed"], indirect=True)
def test_signed_addresses_are_the_only_way_into_a_private_bucket(client, pages):
    shown = addresses(client.get(pages[0]))
    signed = [address for address in shown if "X-Amz-Signature=" in address]

    assert signed, shown
    for address in signed:
        bare = urlsplit(address)._replace(query="").geturl()
        assert (fetched(address), fetched(bare)) == (200, 403)


def test_each_object_is_typed_and_cached_as_its_addresses_allow(
    s3_server, bucket, pages
):
    client = s3_server.client()
    signed = default_storage.querystring_auth
    seconds = default_storage.querystring_expire

    headers = [
        client.head_object(Bucket=bucket, Key=key) for key in s3_server.keys(bucket)
    ]

    assert {head["ContentType"] for head in headers} == {
        "image/jpeg",
        "image/webp",
        "application/pdf",
    }
    # Names are random or hashes, so a public file never changes: a CDN keeps
    # it for a year. A signed address is no use to anyone after it expires.
    assert {head["CacheControl"] for head in headers} == {
        f"private, max-age={seconds}"
        if signed
        else "public, max-age=31536000, immutable"
    }
