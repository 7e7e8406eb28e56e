"""What the discovery order types share: the citations of the meet-and-confer paragraph
(``order_types/_discovery_meet_and_confer.txt``), which chambers write in different ways."""

from django import forms

from .base import OrderTypeForm

RULE_37_CITATIONS = [
    ("Fed. R. Civ. P. 37(a)", "Fed. R. Civ. P. 37(a)"),
    ("Fed. R. Civ. P. 37(a)(1)", "Fed. R. Civ. P. 37(a)(1) (since December 2007)"),
    ("Fed. R. Civ. P. 37(a)(2)(B)", "Fed. R. Civ. P. 37(a)(2)(B) (numbering before December 2007)"),
]
LOCAL_RULE_37_CITATIONS = [
    ("N.D. Cal. L.R. 37", "N.D. Cal. L.R. 37"),
    ("N.D. Cal. Local Rule 37", "N.D. Cal. Local Rule 37"),
    ("N. D. Cal. Local Rule 37", "N. D. Cal. Local Rule 37"),
    ("Civil L.R. 37-1", "Civil L.R. 37-1"),
]
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
        choices=LOCAL_RULE_37_CITATIONS,
        initial=LOCAL_RULE_37_CITATIONS[0][0],
        required=False,
    )
    rule_5d_citation = forms.ChoiceField(
        label="Rule 5(d) citation",
        choices=RULE_5D_CITATIONS,
        initial=RULE_5D_CITATIONS[0][0],
        required=False,
    )
