"""Translated labels for the guide's fixed vocabularies (the codes live in content.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STAGES = {
    "solo": _("Individually"),
    "pair": _("In pairs"),
    "trio": _("In threes"),
    "quad": _("In fours"),
    "small-group": _("Small groups"),
    "plenary": _("Plenary"),
}
TGI = {
    "i": pgettext_lazy("TGI focus", "I (the individual)"),
    "we": pgettext_lazy("TGI focus", "We (the group)"),
    "it": pgettext_lazy("TGI focus", "It (the content)"),
    "globe": pgettext_lazy("TGI focus", "Globe (the context)"),
}
SIDES = {
    "rational": _("Rational"),
    "physical": _("Physical"),
    "creative": _("Creative"),
    "intuitive": _("Intuitive"),
}
PURPOSES = {
    "connect": _("Connect people"),
    "generate": _("Generate ideas"),
    "make-sense": _("Make sense of things"),
    "decide": _("Decide together"),
    "reflect": _("Reflect"),
    "share-practice": _("Share practice"),
    "plan": _("Plan and design"),
    "feedback": _("Give and ask feedback"),
    "experiment": _("Try new behaviour"),
}
FAMILIES = {
    "liberating-structures": _("Liberating Structures"),
    "other": _("Other methods"),
    "own": _("Your CoP's own"),
}
PER = {"": "", "round": _("per round"), "client": _("per person helped")}
