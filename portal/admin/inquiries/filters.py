"""The queue's filters: country by name, and whether the personal data is gone."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.values.countries import country_name


class CountryFilter(admin.SimpleListFilter):
    title = gettext_lazy("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        return sorted(
            ((code, country_name(code)) for code in codes), key=lambda c: c[1]
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


class DestroyedFilter(admin.SimpleListFilter):
    title = gettext_lazy("personal data destroyed")
    parameter_name = "destroyed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(destroyed_at__isnull=self.value() == "no")
        return queryset
