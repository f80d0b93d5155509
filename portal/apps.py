from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Policy portal")

    def ready(self):
        # Registered here rather than with decorators: modeltranslation adds the
        # per-language columns in its own ready(), and reversion fixes a model's field
        # list when it is registered, so this must come after it (and before the
        # admin, which listed after us, would register the models itself).
        import reversion
        from django.db.models.signals import post_migrate, pre_migrate

        # Every translated field knows when its source changed under it; hooked
        # before the history is, whose copy of a saved row then includes the
        # marks that save set.
        from portal.freshness import track_public_content
        from portal.models import StaleTranslation
        from portal.models.public import PUBLIC_CONTENT

        track_public_content()

        # A renamed page leaves a redirect at its old address.
        from portal.renamed_pages import track_renamed_pages

        track_renamed_pages()

        # A version keeps which of its translations were out of date, so a
        # restore brings their marks back as they were.
        reversion.register(StaleTranslation)
        for entry in PUBLIC_CONTENT:
            reversion.register(entry.model, follow=entry.history_follow)

        # Web processes put a time limit on each SQL statement.
        from django.db.backends.signals import connection_created

        from portal.database.timeouts import limit_statements

        connection_created.connect(limit_statements)

        # Renditions and covers go with the file they were made from.
        from django_cleanup.signals import cleanup_post_delete

        from portal.images.derived import delete_derived_files

        cleanup_post_delete.connect(delete_derived_files)

        # The triggers follow the declaration of public content after every
        # migrate, so a new public model needs no trigger migration of its own.
        # A migration that rebuilds a table on SQLite (any added column, such as a
        # new language's) would fail on the triggers naming it: they are set
        # aside first, and put back after.
        pre_migrate.connect(_set_aside_triggers, sender=self)
        post_migrate.connect(_install_triggers, sender=self)

        # `check --deploy` says when mail would not be sent.
        # Interface text a catalog lacks reads in English, not in Korean.
        from django.utils.translation.trans_real import DjangoTranslation

        from portal.mail import checks  # noqa: F401

        DjangoTranslation._add_fallback = _no_default_language_fallback

        # Everywhere Django shows a group (lists, filters, forms, breadcrumbs), a
        # role reads in the admin's language; its stored name stays the key.
        from django.contrib.auth.models import Group

        from portal.models.roles import group_label

        Group.__str__ = group_label


def _install_triggers(*, using, **kwargs):
    from django.db import connections

    from portal.database.triggers import install

    install(connections[using])


def _set_aside_triggers(*, using, plan=None, **kwargs):
    from django.db import connections

    from portal.database.triggers import set_aside

    if plan:  # nothing to migrate, nothing rebuilt: keep them
        set_aside(connections[using])


def _no_default_language_fallback(self, localedirs=None):
    """Django fills the gaps of a language's catalog from LANGUAGE_CODE's: a
    message Django's own Chinese lacks ("Model name") showed in Korean on the
    Chinese admin. Without a fallback the gap shows its message id, English,
    the first language of every default fallback chain (settings).
    """
