"""Seed items staff deleted are remembered; a post's byline is translated, and the
scrape debris already imported is cleaned.

Bylines move into the default language's column, as modeltranslation's
update_translation_fields would. Posts the import wrote and staff have not edited
since (their fingerprint still matches, tried the way migration 0016 does) are
cleaned the way the import now cleans them (portal.seeds.debris: a cut title ends
at a word with an ellipsis, file-name underscores go, a CMS login is no byline),
their byline goes to its own language's column, and their fingerprint is worked
out again: the next import finds them unchanged instead of taking them for staff
edits. Rows staff edited keep their text; only a login as byline is dropped.
"""

import importlib
import re

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from modeltranslation import settings as mt_settings

from portal.migrations import _roles

# The import's fingerprint as it was, and how to tell an untouched row (0016).
FROZEN = importlib.import_module("portal.migrations.0016_rich_bodies_from_plain_text")
EDITORS = ["view_seedtombstone", "delete_seedtombstone"]

# The cleaning as portal.seeds.debris and records did it when this migration was
# written, frozen here: a later change there must not change what this migration
# does to a database that migrates later.
UNDERSCORES = re.compile(r"\s*_+\s*")
LAST_WORD = re.compile(r"\s+\S*$")
TRAILING_PUNCTUATION = re.compile(r"[\s,;:·–—-]+$")
ACCOUNT_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
LATIN = re.compile(r"[A-Za-z]")


def tidy_title(title: str, *, cut: bool) -> str:
    title = UNDERSCORES.sub(" – ", title).strip()
    if not cut:
        return title
    shorter = TRAILING_PUNCTUATION.sub("", LAST_WORD.sub("", title))
    return (shorter or title) + "…"


def byline(author: str) -> str:
    return "" if ACCOUNT_NAME.match(author) else author


def language_of(text: str) -> str:
    hangul = len(HANGUL.findall(text))
    latin = len(LATIN.findall(text))
    if not hangul:
        return "en"
    return "ko" if hangul / (hangul + latin) >= 0.2 else "en"


def _cleaned(post, imported: dict) -> dict:
    """Clean an untouched imported post; the values a re-import now writes."""
    values = {key: value for key, value in imported.items() if key != "author"}
    for column in [key for key in values if key.startswith("title_")]:
        values[column] = tidy_title(values[column], cut=post.needs_review)
        setattr(post, column, values[column])
    author = byline(post.author)
    if author:
        values[f"author_{language_of(author)}"] = author
        setattr(post, f"author_{language_of(author)}", author)
    return values


def clean_posts(apps, schema_editor):
    default = mt_settings.DEFAULT_LANGUAGE
    post_model = apps.get_model("portal", "Post")
    changed = []
    for post in post_model.objects.all():
        imported = FROZEN._imported_values(post, lambda body: body)
        if post.import_fingerprint and imported is not None:
            post.import_fingerprint = FROZEN._fingerprint(_cleaned(post, imported))
        elif post.source_key:
            # Edited by staff: the text stays, a login goes, and the byline moves to
            # the column of the language it is written in.
            author = byline(post.author)
            if author:
                setattr(post, f"author_{language_of(author)}", author)
        else:
            setattr(post, f"author_{default}", post.author)
        post.author = getattr(post, f"author_{default}") or ""
        changed.append(post)
    names = ["import_fingerprint", "author", "author_ko", "author_en", "title_ko", "title_en"]
    post_model.objects.bulk_update(changed, names, batch_size=500)


def grant(apps, schema_editor):
    _roles.grant(apps, {"Editors": EDITORS})


def revoke(apps, schema_editor):
    _roles.revoke(apps, EDITORS)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0022_publication_dates_and_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='post',
            name='author_en',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='author'),
        ),
        migrations.AddField(
            model_name='post',
            name='author_ko',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='author'),
        ),
        migrations.CreateModel(
            name='SeedTombstone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('import_key', models.CharField(max_length=64, verbose_name='import key')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                ('deleted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='deleted')),
                ('deleted_by', models.CharField(blank=True, max_length=150, verbose_name='deleted by')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
            ],
            options={
                'verbose_name': 'deleted seed item',
                'verbose_name_plural': 'deleted seed items',
                'ordering': ['-deleted_at', '-id'],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'import_key'), name='unique_seed_tombstone')],
            },
        ),
        migrations.RunPython(grant, revoke),
        migrations.RunPython(clean_posts, migrations.RunPython.noop),
    ]
