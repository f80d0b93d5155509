"""What counts as an address of the old site (portal.old_addresses)."""

import pytest

from portal.old_addresses import OldAddress, parse_old_address


@pytest.mark.parametrize(
    "text, language, kind, number",
    [
        ("https://www.seoulsolution.kr/en/node/9826", "en", "node", 9826),
        ("http://seoulsolution.kr/ko/node/6306/", "ko", "node", 6306),
        ("/en/content/9366", "en", "content", 9366),
        ("/node/5", None, "node", 5),
        ("en/node/5", "en", "node", 5),
        ("node/5/", None, "node", 5),
        ("www.seoulsolution.kr/zh-hans/node/7", "zh-hans", "node", 7),
        ("HTTPS://WWW.SEOULSOLUTION.KR/en/node/5", "en", "node", 5),
        ("https://www.seoulsolution.kr:443/en/node/5", "en", "node", 5),
        ("  /en/node/9826?utm_source=mail#top \n", "en", "node", 9826),
        ("//www.seoulsolution.kr/fr/content/12", "fr", "content", 12),
    ],
)
def test_the_forms_the_old_site_wrote_are_read(text, language, kind, number):
    assert parse_old_address(text) == OldAddress(language, kind, number)


@pytest.mark.parametrize(
    "text",
    [
        "https://partner.example.org/en/node/9826",
        "partner.example.org/en/node/9826",
        "/en/news/",
        "/en/node/",
        "/en/node/-1",
        "/en/node/1.5",
        "/en/node/12345678901",
        "/en/node/99999999999999999999",
        "/en/node/5/edit",
        "/en/Node/5",
        "/xx/node/1",
        "/en/ko/node/1",
        "ftp://www.seoulsolution.kr/en/node/1",
        "mailto:node/1",
        "http://[::1/en/node/1",
        "/en/node/\x001",
        "/en/node/\u0661",
        "",
        "   ",
        "/en/node/1" + "/" * 3000,
    ],
)
def test_anything_else_is_not_an_old_address(text):
    assert parse_old_address(text) is None


def test_our_own_host_is_accepted_as_well(settings):
    settings.SITE_URL = "https://policy.example.org"

    assert parse_old_address("https://policy.example.org/en/node/3") == OldAddress(
        "en", "node", 3
    )


def test_the_old_hosts_come_from_the_settings(settings):
    settings.OLD_SITE_HOSTS = ["old.example.org"]

    assert parse_old_address("https://old.example.org/en/node/3") is not None
    assert parse_old_address("https://www.seoulsolution.kr/en/node/3") is None


def test_an_old_prefix_is_read_as_the_language_it_maps_to(settings):
    settings.OLD_SITE_LANGUAGES = {**settings.OLD_SITE_LANGUAGES, "cn": "zh-hans"}

    assert parse_old_address("/cn/node/8").language == "zh-hans"
    assert parse_old_address("/cn/node/8").path == "/zh-hans/node/8"


@pytest.mark.parametrize(
    "address, path",
    [
        (OldAddress("en", "node", 9826), "/en/node/9826"),
        (OldAddress("zh-hans", "content", 1), "/zh-hans/content/1"),
        (OldAddress(None, "node", 9826), "/node/9826"),
    ],
)
def test_the_canonical_path_has_no_host_and_no_trailing_slash(address, path):
    assert address.path == path


def test_candidates_come_in_preference_order():
    candidates = OldAddress("en", "content", 5).candidates()

    assert candidates[:4] == ["/en/content/5", "/en/node/5", "/content/5", "/node/5"]
    assert "/ko/content/5" in candidates[4:]
    assert len(candidates) == len(set(candidates))
