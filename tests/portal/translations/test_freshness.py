"""A source edit marks exactly the translations made from the old source."""

import pytest

from portal.freshness import confirm
from portal.languages import language_codes, localized
from portal.models import Post, StaleTranslation
from tests.factories import PolicyCaseFactory, PostFactory

pytestmark = pytest.mark.django_db

SOURCE = language_codes()[0]
TARGETS = language_codes()[1:]


def translated_post(**extra):
    values = {localized("title", code): f"Title in {code}" for code in TARGETS}
    values.update(
        {localized("body", code): f"<p>Body in {code}</p>" for code in TARGETS}
    )
    values[localized("title", SOURCE)] = "원래 제목"
    values[localized("body", SOURCE)] = "<p>본문</p>"
    return PostFactory(**{**values, **extra})


def marks(obj) -> set[tuple[str, str]]:
    return set(StaleTranslation.objects.of(obj).values_list("field", "language"))


def test_a_source_edit_marks_that_field_in_every_other_language_and_nothing_else():
    post = translated_post()
    assert marks(post) == set()

    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()

    assert marks(post) == {("title", code) for code in TARGETS}
    stale = StaleTranslation.objects.of(post).get(language=TARGETS[0])
    assert stale.source_text == "원래 제목"
    assert stale.source_language == SOURCE


def test_saving_a_translation_clears_its_mark_only():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()

    setattr(post, localized("title", TARGETS[0]), "Corrected title")
    post.save()

    assert marks(post) == {("title", code) for code in TARGETS[1:]}


def test_a_source_and_its_translation_edited_together_stay_current():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    setattr(post, localized("title", TARGETS[0]), "Corrected title")
    post.save()

    assert ("title", TARGETS[0]) not in marks(post)
    assert ("title", TARGETS[1]) in marks(post)


def test_a_source_changed_back_clears_the_marks():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()
    setattr(post, localized("title", SOURCE), "원래 제목")
    post.save()

    assert marks(post) == set()


def test_a_second_change_keeps_what_the_translation_was_made_from():
    post = translated_post()
    for text in ("두 번째", "세 번째"):
        setattr(post, localized("title", SOURCE), text)
        post.save()

    stale = StaleTranslation.objects.of(post).get(language=TARGETS[0])
    assert stale.source_text == "원래 제목"


def test_confirming_a_typo_fix_clears_the_mark_without_a_new_translation():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "원래 제목.")
    post.save()

    confirm(post, [("title", TARGETS[0])])

    assert ("title", TARGETS[0]) not in marks(post)
    post.refresh_from_db()
    assert getattr(post, localized("title", TARGETS[0])) == f"Title in {TARGETS[0]}"


def test_a_missing_translation_is_not_out_of_date():
    post = translated_post(**{localized("title", TARGETS[0]): ""})
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()

    assert ("title", TARGETS[0]) not in marks(post)


def test_a_change_to_untranslated_fields_marks_nothing():
    post = translated_post()
    post.slug = "renamed"
    post.save()

    assert marks(post) == set()


def test_children_edited_in_their_parents_form_are_tracked_too():
    case = PolicyCaseFactory()
    outcome = case.outcomes.create(
        **{localized("text", code): f"Outcome {code}" for code in language_codes()}
    )
    setattr(outcome, localized("text", SOURCE), "바뀐 성과")
    outcome.save()

    assert marks(outcome) == {("text", code) for code in TARGETS}


def test_deleting_an_item_deletes_its_marks():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()
    Post.objects.filter(pk=post.pk).first().delete()

    assert not StaleTranslation.objects.exists()


def test_an_import_that_changes_a_source_marks_its_translations():
    from portal.seeds.importer import import_records
    from portal.seeds.parser import parse_document
    from tests.portal.seeds.test_importer import NEWS

    import_records(parse_document(NEWS, "doc.txt"))
    post = Post.objects.get()
    other = next(code for code in TARGETS if not getattr(post, localized("body", code)))
    setattr(post, localized("body", other), "<p>Una traducción.</p>")
    post.save()

    changed = NEWS.replace("the milestone", "a new milestone")
    import_records(parse_document(changed, "doc.txt"))

    assert ("body", other) in marks(post)


def test_a_save_of_named_fields_counts_only_what_it_writes():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save(update_fields=[localized("title", SOURCE)])
    assert marks(post) == {("title", code) for code in TARGETS}

    setattr(post, localized("title", TARGETS[0]), "Corrected title")
    post.save(update_fields=[localized("title", TARGETS[0])])

    assert marks(post) == {("title", code) for code in TARGETS[1:]}


def test_a_language_that_becomes_the_original_has_no_mark():
    post = translated_post()
    setattr(post, localized("title", SOURCE), "고친 제목")
    post.save()
    assert ("title", TARGETS[0]) in marks(post)

    # The Korean title removed: the first fallback's is the original now.
    setattr(post, localized("title", SOURCE), "")
    post.save()

    assert ("title", TARGETS[0]) not in marks(post)
