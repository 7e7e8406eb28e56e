"""Each order type's text follows the case: one pro se prisoner plaintiff (she) against one
defendant, or two represented plaintiffs who are not prisoners against three defendants."""

import datetime

import pytest

from orders.body import parse_body, plain_text
from orders.order_types import registry

from .factories import DocketEntryFactory
from .order_type_cases import ORDER_DATE, plural_case, singular_case

pytestmark = pytest.mark.django_db

PRISONER_SENTENCE = "Where, as here, one of the parties is a prisoner"


def render(key, case, entries, **data):
    """Validate ``data`` over the type's prefill as the service does, then render; straight quotes
    unless asked."""
    order_type = registry.get(key)
    data = {**order_type.initial(case=case, entries=entries), **data}
    data.setdefault("quotes", "straight")
    cleaned = order_type.clean_data(case=case, entries=entries, data=data, order_date=ORDER_DATE)
    body = order_type.render_body(case=case, entries=entries, data=cleaned, judge=case.assigned_judge)
    return plain_text(body), order_type.title_for(case=case, entries=entries, data=cleaned), body


def with_initial(key, case, entries, **data):
    return {**registry.get(key).initial(case=case, entries=entries), **data}


def test_deny_discovery_motion_singular_prisoner():
    case, entry = singular_case(description="MOTION for Discovery")
    text, title, body = render("deny_discovery_motion", case, [entry], quotes="curly")
    assert title == "ORDER DENYING DISCOVERY MOTION"
    assert text.startswith("Plaintiff proceeds with a pro se civil rights complaint under 42 U.S.C. § 1983")
    assert (
        "Plaintiff is advised that she must send her discovery requests to Defendant, not the Court." in text
    )
    assert PRISONER_SENTENCE in text
    assert "Plaintiff’s motion for discovery (Docket No. 12) is DENIED." in text
    assert "“must not”" in text
    assert [block.text for block in parse_body(body) if block.kind == "heading"] == ["CONCLUSION"]
    assert text.endswith("This order terminates Docket No. 12.")


def test_deny_discovery_motion_plural_not_prisoners():
    case, entry = plural_case(description="MOTION for Discovery")
    text, _, _ = render(
        "deny_discovery_motion",
        case,
        [entry],
        court_style="lower",
        disposition="VACATED",
        terminate_line=False,
    )
    assert text.startswith("Plaintiffs proceed with a civil rights complaint under")  # not pro se
    assert (
        "Plaintiffs are advised that they must send their discovery requests to defendants, not the court."
        in text
    )
    assert PRISONER_SENTENCE not in text
    assert "meet and confer, in person or by telephone" in text
    assert "Plaintiffs' motion for discovery (Docket No. 30) is VACATED and will be disregarded." in text
    assert "terminates" not in text


def test_deny_discovery_extension_singular_and_plural():
    case, entry = singular_case(
        entry_kind="request", description="REQUEST for 30-day extension of time to answer discovery"
    )
    data = with_initial(
        "deny_discovery_extension", case, [entry], request_purpose="respond to Defendant's discovery requests"
    )
    assert data["extension_days"] == 30  # read from the request
    text, title, _ = render("deny_discovery_extension", case, [entry], **data)
    assert title == "ORDER DENYING REQUEST FOR EXTENSION OF TIME"
    assert text.startswith(
        "Plaintiff, a California state prisoner currently incarcerated at Central California Women's "
        "Facility and proceeding pro se, filed this civil rights action pursuant to 42 U.S.C. § 1983."
    )
    assert "request for a 30-day extension of time to respond to Defendant's discovery requests." in text
    assert "Here it is unclear if Plaintiff has conferred with Defendant" in text
    assert PRISONER_SENTENCE in text

    case, entry = plural_case(entry_kind="request", description="REQUEST")
    text, _, _ = render(
        "deny_discovery_extension",
        case,
        [entry],
        extension_days=14,
        request_purpose="answer interrogatories",
        prior_institution="Folsom State Prison",
    )
    assert text.startswith(
        "Plaintiffs filed this civil rights action pursuant to 42 U.S.C. § 1983, complaining of civil "
        "rights violations at Folsom State Prison, where they were previously housed."
    )
    assert "Here it is unclear if Plaintiffs have conferred with Defendants" in text
    assert "Plaintiffs' request is DENIED." in text
    assert PRISONER_SENTENCE not in text


def test_grant_extension_of_time_for_either_side():
    case, entry = singular_case()
    text, title, _ = render(
        "grant_extension_of_time",
        case,
        [entry],
        movant="plaintiff",
        purpose="file an opposition",
        current_deadline=datetime.date(2024, 3, 15),
        new_deadline=datetime.date(2024, 4, 15),
        no_further_extensions=True,
    )
    assert title == "ORDER GRANTING EXTENSION OF TIME"
    assert text.startswith("Plaintiff's request for an extension of time to file an opposition is GRANTED")
    assert "See Fed. R. Civ. P. 6(b)(1)(A); Civil L.R. 6-3." in text
    assert "Plaintiff shall file an opposition no later than April 15, 2024." in text
    assert "The deadline of March 15, 2024 is VACATED." in text
    assert "No further extensions" in text

    case, entry = plural_case(filed_by_defendant=True)
    data = with_initial(
        "grant_extension_of_time",
        case,
        [entry],
        new_deadline=datetime.date(2024, 5, 1),
        purpose="file a dispositive motion",
    )
    assert data["movant"] == "defendant"  # the entry's filer
    text, _, _ = render("grant_extension_of_time", case, [entry], **data)
    assert "Defendants' request for an extension of time to file a dispositive motion is GRANTED" in text
    assert "Defendants shall file a dispositive motion no later than May 1, 2024." in text

    text, _, _ = render("grant_extension_of_time", case, [entry], **data, late_request=True)
    assert "is GRANTED, Defendants having shown excusable neglect" in text
    assert "See Fed. R. Civ. P. 6(b)(1)(B); Civil L.R. 6-3." in text


def test_deny_appointment_of_counsel_singular_and_plural():
    case, entry = singular_case()
    text, title, _ = render(
        "deny_appointment_of_counsel",
        case,
        [entry],
        **with_initial("deny_appointment_of_counsel", case, [entry]),
        reasons="Plaintiff has thus far been able to articulate her claims adequately, and the legal "
        "issues in this case are not complex.",
    )
    assert title == "ORDER DENYING MOTION FOR APPOINTMENT OF COUNSEL"
    assert "may request counsel to represent an indigent litigant under 28 U.S.C. § 1915(e)(1)" in text
    assert '"exceptional circumstances,"' in text
    assert "Wilborn v. Escalderon, 789 F.2d 1328, 1331 (9th Cir. 1986)" in text
    assert "Plaintiff has thus far been able to articulate her claims adequately" in text
    assert "Plaintiff's motion for appointment of counsel is therefore DENIED without prejudice." in text

    case, entry = plural_case()
    data = with_initial(
        "deny_appointment_of_counsel",
        case,
        [entry],
        without_prejudice=False,
        reasons="Plaintiffs have thus far been able to articulate their claims adequately.",
    )
    text, _, _ = render("deny_appointment_of_counsel", case, [entry], **data)
    assert "Plaintiffs have thus far been able to articulate their claims adequately" in text
    assert "Plaintiffs' motion for appointment of counsel is therefore DENIED." in text


def test_grant_appointment_of_counsel_singular_and_plural():
    case, entry = singular_case()
    text, title, _ = render(
        "grant_appointment_of_counsel",
        case,
        [entry],
        reasons="The issues are complex.",
        program="the Federal Pro Bono Project",
    )
    assert title == "ORDER GRANTING MOTION FOR APPOINTMENT OF COUNSEL"
    assert "REFERRED to the Federal Pro Bono Project" in text
    assert "All proceedings in this action are STAYED" in text
    assert "proceed with Plaintiff representing herself." in text

    case, entry = plural_case()
    text, _, _ = render(
        "grant_appointment_of_counsel",
        case,
        [entry],
        reasons="Trial is set.",
        stay_proceedings=False,
        program="the Federal Pro Bono Project",
    )
    assert "volunteer counsel willing to represent Plaintiffs." in text
    assert "representing themselves." in text
    assert "STAYED" not in text


def test_grant_ifp_for_a_prisoner_collects_the_fee_in_installments():
    case, entry = singular_case()
    text, title, _ = render("grant_ifp", case, [entry], initial_partial_fee="12.40")
    assert title == "ORDER GRANTING LEAVE TO PROCEED IN FORMA PAUPERIS"
    assert "in forma pauperis under 28 U.S.C. § 1915 is GRANTED. Docket No. 12." in text
    assert "Because Plaintiff is a prisoner, she must nonetheless pay the full filing fee of $350.00" in text
    assert "initial partial filing fee of $12.40 within 30 days" in text
    assert "credited to her trust account" in text and "28 U.S.C. § 1915(b)(2)" in text
    assert "trust account office at Central California Women's Facility." in text

    text, _, _ = render("grant_ifp", case, [], initial_partial_fee="0")
    assert "No initial partial filing fee is due, because Plaintiff has no means to pay it." in text


def test_grant_ifp_for_non_prisoners_waives_the_fee():
    case, entry = plural_case()
    text, _, _ = render("grant_ifp", case, [entry])
    assert "Plaintiffs have shown that they cannot pay the filing fee of $350.00." in text
    assert "trust account" not in text
    assert "28 U.S.C. § 1915(e)(2)" in text


def test_order_of_service_singular_prisoner():
    case, entry = singular_case(entry_kind="complaint", description="COMPLAINT")
    data = with_initial(
        "order_of_service",
        case,
        [entry],
        allegations="Plaintiff alleges Reed struck her.",
        cognizable_claim="for deliberate indifference to serious medical needs in violation of the "
        "Eighth Amendment",
    )
    text, title, body = render("order_of_service", case, [entry], **data)
    assert title == "ORDER OF SERVICE"
    assert "28 U.S.C. § 1915A(a)" in text
    assert (
        "claim for deliberate indifference to serious medical needs in "
        "violation of the Eighth Amendment against Tom Reed." in text
    )
    assert "the United States Marshal shall serve, without prepayment of fees" in text
    assert "See 28 U.S.C. § 1915(d); Fed. R. Civ. P. 4(c)(3)." in text
    assert "No later than 91 days from the date of this order, Defendant shall file" in text
    assert (
        "If Defendant is of the opinion that this case cannot be resolved by summary judgment, he shall"
        in text
    )
    assert "Rand v. Rowland" in text  # notice to a pro se prisoner
    assert "terminates" not in text  # serving the complaint does not terminate it
    assert [b.text for b in parse_body(body) if b.kind == "heading"] == ["DISCUSSION", "CONCLUSION"]


def test_order_of_service_plural_serves_only_the_chosen_defendants():
    case, entry = plural_case(entry_kind="complaint", description="COMPLAINT")
    chosen = [str(p.pk) for p in case.parties.filter(name__in=["Cy Ames", "Ed Ames"])]
    text, _, _ = render(
        "order_of_service",
        case,
        [entry],
        allegations="They allege.",
        defendants=chosen,
        motion_days=60,
        cognizable_claim="for excessive force",
    )
    assert "against Cy Ames and Ed Ames." in text
    assert "Di Ames" not in text
    assert "28 U.S.C. § 1915(e)(2)(B)" in text and "1915A(a)" not in text
    assert (
        "If Defendants are of the opinion that this case cannot be resolved by summary judgment, they shall"
        in text
    )
    assert "No later than 60 days" in text
    assert "Rand v. Rowland" not in text


def test_dismissal_with_leave_to_amend_singular_and_plural():
    case, entry = singular_case(entry_kind="complaint", description="COMPLAINT")
    text, title, body = render(
        "dismiss_with_leave_to_amend",
        case,
        [entry],
        deficiencies="The complaint names no one.\n\nIt alleges no act.",
    )
    assert title == "ORDER OF DISMISSAL WITH LEAVE TO AMEND"
    assert "See 28 U.S.C. § 1915A(b); Lopez v. Smith, 203 F.3d 1122, 1130 (9th Cir. 2000) (en banc)." in text
    assert "Plaintiff may file an amended complaint within 28 days of the date of this order." in text
    assert f"must include the caption and civil case number used in this order ({case.number})" in text
    assert "all the claims she wishes to present" in text
    assert "The complaint names no one." in [b.text for b in parse_body(body)]  # its own paragraph

    case, entry = plural_case(entry_kind="complaint", description="COMPLAINT")
    text, _, _ = render("dismiss_with_leave_to_amend", case, [entry], deficiencies="No claim.", amend_days=35)
    assert "See 28 U.S.C. § 1915(e)(2)(B); Lopez" in text
    assert "all the claims they wish to present" in text
    assert "within 35 days" in text


def test_deny_reconsideration_singular_and_plural():
    case, entry = singular_case()
    text, title, _ = render(
        "deny_reconsideration",
        case,
        [entry],
        prior_order_date=datetime.date(2024, 1, 10),
        prior_order_docket=9,
        analysis="The motion repeats the arguments already made.",
    )
    assert title == "ORDER DENYING MOTION FOR RECONSIDERATION"
    assert text.startswith(
        "Plaintiff has filed a motion for reconsideration of the "
        "Court's order of January 10, 2024 (Docket No. 9)."
    )
    assert "Civil L.R. 7-9(a)" in text and "Civil L.R. 7-9(b)" in text and "Civil L.R. 7-9(c)" in text
    assert "Because Plaintiff did not first obtain leave of court" in text

    case, entry = plural_case(filed_by_defendant=True)
    data = with_initial("deny_reconsideration", case, [entry], prior_order_date=datetime.date(2024, 1, 10))
    text, _, _ = render("deny_reconsideration", case, [entry], analysis="No new facts.", **data)
    assert text.startswith("Defendants have filed a motion for reconsideration")
    assert "Defendants have not made the showing Civil L.R. 7-9(b) requires" in text


def test_deny_default_judgment_reasons_agree_with_the_defendants():
    case, entry = singular_case()
    text, title, _ = render("deny_default_judgment", case, [entry], reason="appeared")
    assert title == "ORDER DENYING MOTION FOR DEFAULT JUDGMENT"
    assert "Fed. R. Civ. P. 55(a)" in text and "Fed. R. Civ. P. 55(b)" in text
    assert "Defendant has appeared and is defending this action, so he has not failed to plead" in text

    case, entry = plural_case()
    text, _, _ = render("deny_default_judgment", case, [entry], reason="appeared")
    assert "Defendants have appeared and are defending this action, so they have not failed to plead" in text
    text, _, _ = render("deny_default_judgment", case, [entry], reason="no_default")
    assert "the clerk has not entered the default of Defendants" in text


def test_motion_to_compel_granted_and_denied():
    case, entry = singular_case()
    text, title, _ = render(
        "rule_on_motion_to_compel",
        case,
        [entry],
        disposition="GRANTED",
        compelled_act="serve responses to Plaintiff's first set of interrogatories",
        response_deadline=datetime.date(2024, 4, 1),
    )
    assert title == "ORDER GRANTING MOTION TO COMPEL"
    assert "Fed. R. Civ. P. 37(a)(1)" in text and "Civil L.R. 37-1(a)" in text
    assert PRISONER_SENTENCE in text
    assert (
        "Defendant shall serve responses to Plaintiff's first set of "
        "interrogatories no later than April 1, 2024." in text
    )

    case, entry = plural_case()
    text, title, _ = render(
        "rule_on_motion_to_compel", case, [entry], disposition="DENIED", denial_reason="no_meet_and_confer"
    )
    assert title == "ORDER DENYING MOTION TO COMPEL"
    assert "Plaintiffs do not show that they conferred or attempted to confer with Defendants" in text
    assert PRISONER_SENTENCE not in text


def test_deny_preliminary_injunction_singular_and_plural():
    case, entry = singular_case()
    text, title, _ = render(
        "deny_preliminary_injunction",
        case,
        [entry],
        reasons="She shows no irreparable harm.",
        requested="a transfer",
        relief="preliminary injunction",
    )
    assert title == "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION"
    assert "Winter v. Natural Res. Def. Council, Inc., 555 U.S. 7, 20 (2008)" in text
    assert "Fed. R. Civ. P. 65(a)(1)" in text
    assert "18 U.S.C. § 3626(a)(2)" in text  # prison conditions
    assert "asking the Court to order a transfer." in text

    case, entry = plural_case()
    text, title, _ = render(
        "deny_preliminary_injunction",
        case,
        [entry],
        relief="temporary restraining order",
        reasons="No showing.",
        without_prejudice=True,
    )
    assert title == "ORDER DENYING MOTION FOR TEMPORARY RESTRAINING ORDER"
    assert "Plaintiffs have filed a motion for a temporary restraining order." in text
    assert "Fed. R. Civ. P. 65(b)" in text
    assert "3626" not in text
    assert (
        "Plaintiffs' motion for a temporary restraining order is therefore DENIED without prejudice." in text
    )


def test_briefing_schedule_computes_the_deadlines_from_the_start_date():
    case, _ = singular_case()
    text, title, _ = render("briefing_schedule", case, [], start_date=ORDER_DATE)
    assert title == "ORDER SETTING BRIEFING SCHEDULE"
    assert "supersedes the deadlines of Civil L.R. 7-3" in text
    assert (
        "Defendant shall file a motion for summary judgment or other "
        "dispositive motion no later than May 31, 2024." in text
    )
    assert (
        "Plaintiff's opposition shall be filed with the Court and "
        "served on Defendant no later than June 28, 2024." in text
    )
    assert "Defendant shall file a reply brief no later than July 12, 2024." in text
    assert "Rand v. Rowland" in text

    case, _ = plural_case()
    text, _, _ = render(
        "briefing_schedule",
        case,
        [],
        movant="plaintiff",
        motion="a motion for summary judgment",
        start_date=ORDER_DATE,
        motion_days=30,
        opposition_days=14,
        reply_days=7,
    )
    # Day 30 is Sunday, March 31, 2024: under Fed. R. Civ. P. 6(a)(1)(C) the motion is due Monday,
    # April 1, and the next periods count from the days they follow.
    assert "1. Plaintiffs shall file a motion for summary judgment no later than April 1, 2024." in text
    assert (
        "2. Defendants' opposition shall be filed with the Court and "
        "served on Plaintiffs no later than April 15, 2024." in text
    )
    assert "3. Plaintiffs shall file a reply brief no later than April 22, 2024." in text
    assert "Rand" not in text


def test_deny_discovery_motion_resolving_two_motions():
    case, entry = singular_case(description="MOTION for Discovery")
    second = DocketEntryFactory(case=case, number=14, kind="motion", description="MOTION to compel discovery")
    entries = [second, entry]
    data = with_initial("deny_discovery_motion", case, entries, motion="motions for discovery")
    text, _, _ = render("deny_discovery_motion", case, entries, **data)
    assert (
        "Plaintiff proceeds with a pro se civil rights complaint under 42 U.S.C. § 1983 "
        "and has filed motions for discovery." in text
    )
    assert "Plaintiff's motions for discovery (Docket Nos. 12 and 14) are DENIED." in text
    assert text.endswith("This order terminates Docket Nos. 12 and 14.")
