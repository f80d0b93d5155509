"""One URL per public page type, for the accessibility and layout checks."""

from portal.models import PolicyField, Post, Program


def public_pages(lang: str) -> dict[str, str]:
    """Paths of every public page type in ``lang``, from the seeded content.

    The seed posts are in English only, so every Korean detail page shows
    fallback-language content.
    """
    posts = {
        kind: Post.objects.published().filter(kind=kind).first() for kind in Post.Kind
    }
    pages = {
        "home": "",
        "news list": "news/",
        "video list": "videos/",
        "publication list": "publications/",
        "programme list": "programs/",
        "programme": f"programs/{Program.objects.get().slug}/",
        "partners": "partners/",
        "about": "about/",
        "policy field": f"policy-fields/{PolicyField.objects.first().slug}/",
        "search results": "search/?q=서울",
        "filtered to nothing": "news/?year=1999",
        "privacy policy": "pages/privacy/",
        "sitemap page": "sitemap/",
        "not found": "no-such-page/",
    }
    for kind, post in posts.items():
        pages[f"{kind.value} post"] = f"posts/{post.slug}/"
    return {name: f"/{lang}/{path}" for name, path in pages.items()}
