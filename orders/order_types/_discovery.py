"""What the discovery order types share: the citations of the meet-and-confer paragraph
(``order_types/_discovery_meet_and_confer.txt``), which chambers write in different ways.

The local rule is the court's own: its ``discovery_conference`` rules (``Court.local_rules``,
e.g. N.D. Cal.'s “N.D. Cal. L.R. 37” as the seed orders write it). A court without one gets the
sentence with the federal rule alone."""

from django import forms

from .base import OrderTypeForm
from .text import CourtRules

RULE_37_CITATIONS = [
    ("Fed. R. Civ. P. 37(a)", "Fed. R. Civ. P. 37(a)"),
    ("Fed. R. Civ. P. 37(a)(1)", "Fed. R. Civ. P. 37(a)(1) (since December 2007)"),
    ("Fed. R. Civ. P. 37(a)(2)(B)", "Fed. R. Civ. P. 37(a)(2)(B) (numbering before December 2007)"),
]
NO_LOCAL_RULE = [("", "None (this court has no local rule on it in the app's rule table)")]
LOCAL_RULE_KEY = "discovery_conference"
RULE_5D_CITATIONS = [
    ("Fed. R. Civ. P. 5(d)", "Fed. R. Civ. P. 5(d)"),
    ("Fed.R.Civ.P. 5(d)", "Fed.R.Civ.P. 5(d)"),
    ("Fed. R. Civ. P. 5(d)(1)(A)", "Fed. R. Civ. P. 5(d)(1)(A) (since December 2018)"),
]
CITATION_FIELDS = ("rule_37_citation", "local_rule_citation", "rule_5d_citation")


class DiscoveryForm(OrderTypeForm):
    explain_rule_5d = forms.BooleanField(
        label="Explain that discovery is not filed with the court (Rule 5(d))",
        required=False,
        initial=True,
    )
    rule_37_citation = forms.ChoiceField(
        label="Rule 37 citation",
        choices=RULE_37_CITATIONS,
        initial=RULE_37_CITATIONS[0][0],
        required=False,
    )
    local_rule_citation = forms.ChoiceField(
        label="Local rule citation",
        choices=NO_LOCAL_RULE,
        initial="",
        required=False,
        help_text="The court's local rule on meeting and conferring, as its rule table cites it.",
    )
    rule_5d_citation = forms.ChoiceField(
        label="Rule 5(d) citation",
        choices=RULE_5D_CITATIONS,
        initial=RULE_5D_CITATIONS[0][0],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        citations = CourtRules(self.case.court).choices(LOCAL_RULE_KEY) if self.case is not None else []
        field = self.fields["local_rule_citation"]
        if citations:
            field.choices = [(c, c) for c in citations]
            field.initial = citations[0]
        # A sticky answer from another court's order (or a rule since removed) is not offered.
        self.initial = dict(self.initial)
        if self.initial.get("local_rule_citation") not in {value for value, _label in field.choices}:
            self.initial.pop("local_rule_citation", None)
