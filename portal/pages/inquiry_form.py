"""The "Ask Seoul" form: what a visitor may send, and what is refused.

Parsing and checking only; storing and mailing a request is
portal.pages.inquiries' job. Spam is kept out without a third-party CAPTCHA:
a field people never see (``website``), a signed stamp of when the form was
shown (a form sent faster than ``ASK_MINIMUM_SECONDS`` is refused, with the
reason, and can be sent again at once), and rate limits in the view. The stamp
also carries a random key, so a second submit of the same form finds the
request the first one made instead of making another.
"""

import re
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator, slug_re
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from portal.languages import current_language, language_codes
from portal.models import Inquiry, PolicyCase, Program
from portal.values.countries import country_choices

STAMP_SALT = "portal.inquiry.stamp"
# Stamps older than this are refused too: a page left open for a day is sent
# again with a fresh stamp after one click.
STAMP_MAX_AGE = 24 * 3600
# Control characters (line breaks included): nothing a one-line field needs,
# and what a header injection is made of.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_BUT_LINES = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{4,38}$",
    _("Enter a telephone number with digits, and + ( ) - . or spaces only."),
)

# The order in which the page asks: the request first, then who sends it.
REQUEST_FIELDS = ["kind", "subject", "message", "answer_language"]
SENDER_FIELDS = ["organisation", "country", "city", "name", "position", "email"]
OPTIONAL_FIELDS = ["phone"]


def new_stamp() -> str:
    return signing.dumps(
        {"t": timezone.now().timestamp(), "k": secrets.token_urlsafe(18)},
        salt=STAMP_SALT,
    )


class InquiryForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"))
    answer_language = forms.ChoiceField(label=_("Language of the answer"))
    consent_required = forms.BooleanField(
        label=_("I agree to the collection and use of the required items (required)"),
        error_messages={
            "required": _(
                "To send a request, agree to the collection and use of the "
                "required items."
            )
        },
    )
    consent_optional = forms.BooleanField(
        label=_("I agree to the collection and use of the optional item (optional)"),
        required=False,
    )
    # Hidden from people by the stylesheet; programs fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )
    stamp = forms.CharField(widget=forms.HiddenInput, max_length=400)
    case = forms.SlugField(widget=forms.HiddenInput, required=False, max_length=200)
    program = forms.SlugField(widget=forms.HiddenInput, required=False, max_length=200)

    class Meta:
        model = Inquiry
        fields = [*REQUEST_FIELDS, *SENDER_FIELDS, *OPTIONAL_FIELDS]
        labels = {
            "kind": _("Type of request"),
            "subject": _("Subject"),
            "message": _("Your message"),
            "organisation": _("Organization"),
            "city": _("City"),
            "name": _("Name"),
            "position": _("Position"),
            "email": _("E-mail address"),
            "phone": _("Telephone (optional)"),
        }
        help_texts = {
            "organisation": _("For example: the city government you work for."),
            "email": _("We send the confirmation and our answer here."),
            "phone": _("Only if you would like a call. Include the country code."),
            "message": _(
                "What would you like to learn from Seoul, and what is your city's "
                "situation? Up to 5,000 characters."
            ),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = current_language()
        self.fields["country"].choices = [("", "—"), *country_choices(lang)]
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["answer_language"].choices = [
            (code, get_language_info(code)["name_local"]) for code in language_codes()
        ]
        self.fields["answer_language"].initial = lang
        self.fields["kind"].choices = [("", "—"), *Inquiry.Kind.choices]
        for name in [*REQUEST_FIELDS, *SENDER_FIELDS]:
            self.fields[name].required = True
        self.fields["phone"].validators.append(PHONE)
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1"}
        )
        if not self.is_bound:
            self.initial["stamp"] = new_stamp()
        self.policy_case = self.program = None

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if not isinstance(value, str):
                continue
            pattern = CONTROL_BUT_LINES if name == "message" else CONTROL
            if pattern.search(value):
                self.add_error(
                    name, _("Remove the control characters from this field.")
                )
        if data.get("phone") and not data.get("consent_optional"):
            self.add_error(
                "consent_optional",
                _(
                    "To give a telephone number, agree to the collection of the "
                    "optional item, or leave the telephone empty."
                ),
            )
        if data.get("website"):
            raise forms.ValidationError(
                _(
                    "The form was refused because a field that is hidden from people "
                    "was filled in, as programs that send spam do. If you are a "
                    "person, open the form again and send it without that field."
                ),
                code="honeypot",
            )
        self.policy_case = self._about(PolicyCase, data.get("case"))
        self.program = self._about(Program, data.get("program"))
        return data

    def clean_stamp(self) -> dict:
        try:
            stamp = signing.loads(
                self.cleaned_data["stamp"], salt=STAMP_SALT, max_age=STAMP_MAX_AGE
            )
            shown = float(stamp["t"])
            key = str(stamp["k"])
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise forms.ValidationError(
                _("This form is too old or damaged. Check it and send it again."),
                code="stamp",
            ) from error
        if timezone.now().timestamp() - shown < settings.ASK_MINIMUM_SECONDS:
            raise forms.ValidationError(
                _(
                    "The form was sent a moment after it was opened, faster than a "
                    "person can fill it in. Check your request and send it again."
                ),
                code="too-fast",
            )
        return {"shown": shown, "key": key}

    @classmethod
    def blank(cls, params) -> "InquiryForm":
        """A new form, about the case or programme the query names, if any."""
        form = cls()
        form.policy_case = cls._about(PolicyCase, params.get("case"))
        form.program = cls._about(Program, params.get("program"))
        if form.policy_case is not None:
            form.initial.update(
                case=form.policy_case.slug, kind=Inquiry.Kind.CONSULTING
            )
        if form.program is not None:
            form.initial.update(program=form.program.slug, kind=Inquiry.Kind.TRAINING)
        return form

    @staticmethod
    def _about(model, slug: str | None):
        # Checked before the query: PostgreSQL refuses a NUL in a parameter.
        if not slug or not slug_re.match(slug):
            return None
        return model.objects.published().filter(slug=slug).first()

    def refresh_stamp(self) -> None:
        """A refused form is shown again with a new stamp, so that sending it
        again is counted from now and makes a request of its own."""
        data = self.data.copy()
        data["stamp"] = new_stamp()
        self.data = data

    @property
    def submission_key(self) -> str:
        return self.cleaned_data["stamp"]["key"]

    def request_fields(self):
        return [self[name] for name in REQUEST_FIELDS]

    def sender_fields(self):
        return [self[name] for name in SENDER_FIELDS]
