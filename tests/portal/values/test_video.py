import pytest

from portal.values.video import player_url


@pytest.mark.parametrize(
    ("link", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
        ),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
        ),
        (
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
        ),
    ],
)
def test_youtube_and_vimeo_links_get_the_privacy_enhanced_player(link, player):
    assert player_url(link) == player


@pytest.mark.parametrize(
    "link",
    [
        "",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/channels/staffpicks",
        "https://[::1/watch",
    ],
)
def test_other_links_get_no_player(link):
    assert player_url(link) == ""
