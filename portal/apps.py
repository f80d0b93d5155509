from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Policy portal")

    def ready(self):
        # Registered here rather than with decorators: modeltranslation adds the
        # _ko/_en columns in its own ready(), and reversion fixes a model's field
        # list when it is registered, so this must come after it (and before the
        # admin, which listed after us, would register the models itself).
        import reversion

        from portal.models import Category, FAQEntry, Partner, Post, Program

        for model in (Category, FAQEntry, Partner, Post):
            reversion.register(model)
        reversion.register(Program, follow=("faq_entries",))
