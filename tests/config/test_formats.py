"""Times in the admin are on a 24-hour clock in every language (config/formats)."""

from datetime import datetime

import pytest
from django.utils import formats, timezone, translation

from portal.languages import language_codes
from tests.conftest import parse
from tests.factories import PostFactory

MIDNIGHT = timezone.make_aware(datetime(2024, 5, 24, 0, 0))
AFTERNOON = timezone.make_aware(datetime(2024, 5, 24, 14, 30))


@pytest.mark.parametrize("code", language_codes())
def test_midnight_and_afternoon_read_on_a_24_hour_clock(code):
    with translation.override(code):
        for format_name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"):
            midnight = formats.date_format(MIDNIGHT, format_name)
            afternoon = formats.date_format(AFTERNOON, format_name)
            assert "00:00" in midnight, (format_name, midnight)
            assert "14:30" in afternoon, (format_name, afternoon)
            # No "12:00 오전", "midnight", "p.m.".
            assert not any(word in midnight for word in ("12", "오전", "midnight"))


@pytest.mark.django_db
def test_the_post_list_shows_a_midnight_publication_as_00_00(admin_client):
    PostFactory(title_en="Midnight", published_at=MIDNIGHT)

    for code in language_codes():
        page = parse(admin_client.get("/admin/portal/post/", HTTP_ACCEPT_LANGUAGE=code))
        [cell] = page.select("#result_list tbody td.field-published")
        assert cell.get_text(strip=True).endswith("00:00"), cell
