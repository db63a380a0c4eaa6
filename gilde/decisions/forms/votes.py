from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gilde.core.forms import CleanTextMixin

from ..formatting import slot_label
from ..models import (
    CheckStyle,
    ConsentResponse,
    DateAnswer,
    PollKind,
    Thumb,
)

MIN_MINUTES, MAX_MINUTES = 15, 720
DATE_SLOT_ROWS = 6

KIND_HELP = {
    PollKind.CONSENT: _(
        "A proposal the group consents to: agree, abstain, object or block. It passes when "
        "nobody blocks; objections are listed with their reasons."
    ),
    PollKind.CHOICE: _("Choose one or more options from a list, with an optional “other”."),
    PollKind.SCORE: _("Give each option a score; you see the averages and how far apart they are."),
    PollKind.RANKED: _(
        "Put the options in order of preference; the result is worked out in rounds (instant "
        "runoff)."
    ),
    PollKind.DATE: _(
        "Find a date: yes, if need be or no per date. The best date can become a meeting."
    ),
    PollKind.CHECK: _(
        "A quick sense check with one question, 1 to 5 or thumbs; handy live in a meeting, on "
        "phones."
    ),
}


class VoteForm(CleanTextMixin, forms.Form):
    """A vote on one poll, with the fields its kind needs. `vote()` gives what `poll_vote`
    takes."""

    def __init__(self, *args, poll, options, ballot=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll, self.options = poll, list(options)
        entries = {e.option_id: e.value for e in ballot.entries.all()} if ballot else {}
        kind = poll.kind
        self.option_fields = []  # (option, bound field) for score, rank and date
        if kind == PollKind.CONSENT:
            self.fields["response"] = forms.ChoiceField(
                label=_("Your response"),
                choices=ConsentResponse.choices,
                widget=forms.RadioSelect,
                initial=ballot.response if ballot else None,
            )
            self.fields["reason"] = forms.CharField(
                label=_("Your reason"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Needed when you object or block: what worries you?"),
                initial=ballot.reason if ballot else "",
            )
        elif kind == PollKind.CHOICE:
            choices = [(str(o.pk), o.label) for o in self.options]
            if poll.max_choices == 1:
                self.fields["choices"] = forms.ChoiceField(
                    label=_("Your choice"),
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=not poll.allow_other,
                    initial=next((str(k) for k in entries), None),
                )
            else:
                self.fields["choices"] = forms.MultipleChoiceField(
                    label=ngettext(
                        "Your choice (at most %(max)s)",
                        "Your choices (at most %(max)s)",
                        poll.max_choices,
                    )
                    % {"max": poll.max_choices},
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    initial=[str(k) for k in entries],
                )
            if poll.allow_other:
                self.fields["other_text"] = forms.CharField(
                    label=_("Other (optional)"),
                    max_length=200,
                    required=False,
                    initial=ballot.other_text if ballot else "",
                )
        elif kind == PollKind.SCORE:
            scale = [(str(n), str(n)) for n in range(1, poll.scale_max + 1)]
            for option in self.options:
                name = f"score_{option.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=option.label,
                    choices=scale,
                    coerce=int,
                    widget=forms.RadioSelect,
                    initial=entries.get(option.pk),
                )
                self.option_fields.append((option, name))
        elif kind == PollKind.RANKED:
            ranks = [("", "—")] + [(str(n), str(n)) for n in range(1, len(self.options) + 1)]
            for option in self.options:
                name = f"rank_{option.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=option.label,
                    choices=ranks,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=entries.get(option.pk),
                )
                self.option_fields.append((option, name))
        elif kind == PollKind.DATE:
            answers = [(str(value), label) for value, label in DateAnswer.choices]
            for option in self.options:
                name = f"slot_{option.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=slot_label(option),
                    choices=answers,
                    coerce=int,
                    widget=forms.RadioSelect,
                    initial=entries.get(option.pk),
                )
                self.option_fields.append((option, name))
        else:
            if poll.check_style == CheckStyle.SCALE:
                values = [(str(n), str(n)) for n in range(1, 6)]
            else:
                values = [(str(value), label) for value, label in Thumb.choices]
            self.fields["value"] = forms.TypedChoiceField(
                label=poll.title,
                choices=values,
                coerce=int,
                widget=forms.RadioSelect,
                initial=ballot.value if ballot else None,
            )

    def bound_option_fields(self):
        return [(option, self[name]) for option, name in self.option_fields]

    def clean(self):
        data = super().clean()
        poll = self.poll
        if poll.kind == PollKind.CONSENT:
            if (
                data.get("response") in (ConsentResponse.OBJECT, ConsentResponse.BLOCK)
                and not (data.get("reason") or "").strip()
            ):
                self.add_error(
                    "reason", _("An objection or a block needs a reason: say what worries you.")
                )
        elif poll.kind == PollKind.CHOICE:
            chosen = data.get("choices") or []
            chosen = [chosen] if isinstance(chosen, str) else chosen
            other = (data.get("other_text") or "").strip()
            if len(chosen) + (1 if other else 0) > poll.max_choices:
                self.add_error(
                    "choices",
                    ngettext(
                        "Choose at most %(max)s option.",
                        "Choose at most %(max)s options.",
                        poll.max_choices,
                    )
                    % {"max": poll.max_choices},
                )
            elif not chosen and not other and "choices" not in self.errors:
                self.add_error("choices", _("Choose an option."))
        elif poll.kind == PollKind.RANKED:
            ranks = sorted(
                data[name] for _option, name in self.option_fields if data.get(name) is not None
            )
            if not ranks and not self.errors:
                self.add_error(None, _("Rank at least your first choice."))
            elif ranks != list(range(1, len(ranks) + 1)):
                self.add_error(
                    None, _("Give each rank once: 1 for your first choice, 2 for the next, …")
                )
        return data

    def vote(self) -> dict:
        data, poll = self.cleaned_data, self.poll
        if poll.kind == PollKind.CONSENT:
            return {"response": data["response"], "reason": data.get("reason", "")}
        if poll.kind == PollKind.CHOICE:
            chosen = data.get("choices") or []
            chosen = [chosen] if isinstance(chosen, str) else chosen
            return {
                "entries": {int(key): 1 for key in chosen},
                "other_text": data.get("other_text", ""),
            }
        if poll.kind in (PollKind.SCORE, PollKind.DATE):
            return {"entries": {o.pk: data[name] for o, name in self.option_fields}}
        if poll.kind == PollKind.RANKED:
            return {
                "entries": {
                    o.pk: data[name] for o, name in self.option_fields if data.get(name) is not None
                }
            }
        return {"value": data["value"]}
