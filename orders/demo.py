"""Demo data: N.D. Cal., three judges and the three cases of the seed orders.

``load_demo()`` is idempotent: every record is looked up by its natural key first and only
created through the services when missing, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import Case, ChambersMembership, Court, Judge, Party
from .order_types import registry
from .selectors import case_find_by_number

DEMO_USERNAME = "clerk"
DEMO_PASSWORD = "chambers-demo"  # noqa: S105 - the published demo login, never used in production
DEMO_JUDGE_USERNAME = "judge"
DEMO_ADMIN_USERNAME = "admin"

COURT = {
    "code": "cand",
    "name": "Northern District of California",
    "heading_line_2": "NORTHERN DISTRICT OF CALIFORNIA",
}

JUDGES: list[dict[str, Any]] = [
    {
        "initials": "MEJ",
        "full_name": "Maria-Elena James",
        "signature_title": "United States Magistrate Judge",
    },
    {
        "initials": "EDL",
        "full_name": "Elizabeth D. Laporte",
        "signature_title": "United States Chief Magistrate Judge",
    },
    {"initials": "SI", "full_name": "Susan Illston", "signature_title": "United States District Judge"},
]

D = datetime.date

CASES: list[dict[str, Any]] = [
    {
        "case": {
            "number": "14-cv-05578-MEJ",
            "short_caption": "Crawford v. Beard",
            "judge": "MEJ",
            "cause": "42 U.S.C. § 1983",
            "nature_of_suit": "550 Prisoner: Civil Rights",
            "date_filed": D(2014, 12, 22),
        },
        "parties": [
            {
                "name": "James Darren Crawford",
                "role": "plaintiff",
                "pro_se": True,
                "institution": "Calipatria State Prison",
                "pronoun": "he",
            },
            {"name": "Jeffrey Beard", "role": "defendant", "pronoun": "he"},
            {"name": "Clark E. Ducart", "role": "defendant", "pronoun": "he"},
        ],
        "entries": [
            {
                "number": 36,
                "date_filed": D(2016, 5, 17),
                "kind": "order",
                "description": "ORDER OF SERVICE. The Court screened Plaintiff's second amended complaint "
                "and ordered Defendants to file a dispositive motion. Signed by Judge Maria-Elena James "
                "on 5/17/2016.",
            },
            {
                "number": 52,
                "date_filed": D(2016, 9, 30),
                "kind": "order",
                "description": "ORDER GRANTING Defendants' motion for extension of time to file dispositive "
                "motion. Dispositive motion due by 12/31/2016.",
            },
            {
                "number": 53,
                "date_filed": D(2016, 10, 24),
                "kind": "request",
                "pending": True,
                "filed_by": "James Darren Crawford",
                "description": "REQUEST for 45-day Extension of Time to respond to Defendants' discovery "
                "requests received October 11, 2016, filed by James Darren Crawford.",
            },
        ],
    },
    {
        "case": {
            "number": "C 13-4426 EDL (PR)",
            "short_caption": "Luckert v. Brannon",
            "judge": "EDL",
            "cause": "42 U.S.C. § 1983",
            "nature_of_suit": "550 Prisoner: Civil Rights",
            "date_filed": D(2013, 9, 25),
        },
        "parties": [
            {
                "name": "Michael Landon Luckert",
                "role": "plaintiff",
                "pro_se": True,
                "institution": "San Quentin State Prison",
                "pronoun": "he",
            },
            {"name": "J. Brannon", "role": "defendant", "pronoun": "they"},
        ],
        "entries": [
            {
                "number": 19,
                "date_filed": D(2014, 1, 21),
                "kind": "motion",
                "pending": True,
                "filed_by": "Michael Landon Luckert",
                "description": "MOTION for Discovery filed by Michael Landon Luckert.",
            },
        ],
    },
    {
        "case": {
            "number": "C 07-959 SI (pr)",
            "short_caption": "Harrison v. Sample",
            "judge": "SI",
            "cause": "42 U.S.C. § 1983",
            "nature_of_suit": "550 Prisoner: Civil Rights",
            "date_filed": D(2007, 2, 16),
        },
        "parties": [
            {
                "name": "Marcus L. Harrison",
                "role": "plaintiff",
                "pro_se": True,
                "institution": "Salinas Valley State Prison",
                "pronoun": "he",
            },
            {"name": "J. Sample", "caption_name": "Officer J. SAMPLE;", "role": "defendant", "pronoun": "he"},
            {"name": "R. Jones", "caption_name": "Officer R. JONES", "role": "defendant", "pronoun": "he"},
        ],
        "entries": [
            {
                "number": 7,
                "date_filed": D(2007, 4, 30),
                "kind": "motion",
                "pending": True,
                "filed_by": "Marcus L. Harrison",
                "description": "MOTION for Discovery filed by Marcus L. Harrison.",
            },
        ],
    },
]


# The three seed orders (tests/data/seeds), drafted through ``services.order_draft_create``.
# ``data`` holds what the type cannot prefill from the demo case: facts absent from the
# database and each chambers' way of writing (capitalisation, quotes, citations).
SEED_ORDERS: list[dict[str, Any]] = [
    {
        "case": "14-cv-05578-MEJ",
        "order_type": "deny_discovery_extension",
        "entries": [53],
        "date": D(2016, 11, 9),
        "data": {
            "court_style": "capital",
            "quotes": "curly",
            "docket_style": "no",
            "emphasis": "italic",
            "terminate_line": True,
            "prior_institution": "Pelican Bay State Prison",
            "prior_institution_short": "PBSP",
            "request_purpose": "respond Defendants' discovery requests",  # sic, as the order reads
            "rule_37_citation": "Fed. R. Civ. P. 37(a)",
            "local_rule_citation": "N.D. Cal. L.R. 37",
        },
    },
    {
        "case": "C 13-4426 EDL (PR)",
        "order_type": "deny_discovery_motion",
        "entries": [19],
        "date": D(2014, 2, 10),
        "data": {
            "title_wording": "ORDER DENYING MOTION FOR DISCOVERY",
            "court_style": "lower",
            "quotes": "straight",
            "docket_style": "no",
            "terminate_line": False,
            "motion": "motion for discovery",
            "disposition": "VACATED",
            "background": True,
            "advise_send_requests": True,
            "no_court_discovery": False,
            "conclusion_heading": True,
            "explain_rule_5d": True,
            "rule_5d_citation": "Fed.R.Civ.P. 5(d)",
            "rule_37_citation": "Fed. R. Civ. P. 37(a)",
            "local_rule_citation": "N.D. Cal. Local Rule 37",
        },
    },
    {
        "case": "C 07-959 SI (pr)",
        "order_type": "deny_discovery_motion",
        "entries": [7],
        "date": D(2007, 5, 18),
        "data": {
            "court_style": "lower",
            "quotes": "straight",
            "docket_style": "hash",
            "terminate_line": False,
            "motion": "motion for discovery",
            "disposition": "DENIED",
            "background": False,
            "advise_send_requests": False,
            "no_court_discovery": True,
            "conclusion_heading": False,
            "explain_rule_5d": True,
            "rule_5d_citation": "Fed. R. Civ. P. 5(d)",
            "rule_37_citation": "Fed. R. Civ. P. 37(a)(2)(B)",
            "local_rule_citation": "N. D. Cal. Local Rule 37",
        },
    },
]


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created)


@transaction.atomic
def load_demo() -> DemoResult:
    result = DemoResult()
    court = Court.objects.filter(code=COURT["code"]).first()
    if court is None:
        court = services.court_create(**COURT)
        result.created.append(f"court {court}")

    judges: dict[str, Judge] = {}
    for spec in JUDGES:
        judge = Judge.objects.filter(court=court, initials=spec["initials"]).first()
        if judge is None:
            judge = services.judge_create(court=court, **spec)
            result.created.append(f"judge {judge}")
        judges[spec["initials"]] = judge

    for spec in CASES:
        _load_case(court, judges, spec, result)

    clerk = _load_users(judges, result)
    for spec in SEED_ORDERS:
        _draft_seed_order(court, clerk, spec, result)
    return result


def _load_case(court: Court, judges: dict[str, Judge], spec: dict, result: DemoResult) -> Case:
    case_spec = dict(spec["case"])
    judge = judges[case_spec.pop("judge")]

    case = case_find_by_number(case_spec["number"], queryset=Case.objects.filter(court=court)).first()
    if case is None:
        case = services.case_create(
            court=court, assigned_judge=judge, pro_se=True, prisoner=True, **case_spec
        )
        result.created.append(f"case {case}")

    parties: dict[str, Party] = {p.name: p for p in case.parties.all()}
    for party_spec in spec["parties"]:
        if party_spec["name"] not in parties:
            party = services.party_create(case=case, **party_spec)
            parties[party.name] = party
            result.created.append(f"party {party}")

    existing = set(case.docket_entries.values_list("number", flat=True))
    for entry_spec in spec["entries"]:
        if entry_spec["number"] in existing:
            continue
        entry_spec = dict(entry_spec)
        filed_by = entry_spec.pop("filed_by", None)
        entry = services.docket_entry_create(
            case=case, filing_party=parties.get(filed_by) if filed_by else None, **entry_spec
        )
        result.created.append(f"docket entry {entry.number} in {case.number}")
    return case


def _load_users(judges: dict[str, Judge], result: DemoResult):
    User = get_user_model()
    clerk = User.objects.filter(username=DEMO_USERNAME).first()
    if clerk is None:
        clerk = User.objects.create_user(
            DEMO_USERNAME,
            password=DEMO_PASSWORD,
            first_name="Demo",
            last_name="Clerk",
        )
        result.created.append(f"user {clerk.username}")
    judge_user = User.objects.filter(username=DEMO_JUDGE_USERNAME).first()
    if judge_user is None:
        judge_user = User.objects.create_user(
            DEMO_JUDGE_USERNAME, password=DEMO_PASSWORD, first_name="Maria-Elena", last_name="James"
        )
        result.created.append(f"user {judge_user.username}")

    if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        User.objects.create_superuser(DEMO_ADMIN_USERNAME, password=DEMO_PASSWORD)
        result.created.append(f"user {DEMO_ADMIN_USERNAME} (site administrator)")

    wanted = [(clerk, judge, ChambersMembership.Role.CLERK) for judge in judges.values()]
    wanted.append((judge_user, judges["MEJ"], ChambersMembership.Role.JUDGE))
    for user, judge, role in wanted:
        if not ChambersMembership.objects.filter(user=user, judge=judge).exists():
            services.membership_create(user=user, judge=judge, role=role)
            result.created.append(f"membership {user.username} → {judge.initials}")
    return clerk


def _draft_seed_order(court: Court, clerk, spec: dict, result: DemoResult) -> None:
    """Draft a seed order through the service the wizard's finish step calls: the type's
    prefill from the case (applied by the service), plus the facts of the real order that the
    database does not hold."""
    case = case_find_by_number(spec["case"], queryset=Case.objects.filter(court=court)).get()
    if case.orders.filter(order_type=spec["order_type"]).exists():
        return
    order_type = registry.get(spec["order_type"])
    entries = list(case.docket_entries.filter(number__in=spec["entries"]))
    data = dict(spec["data"])  # over the type's prefill, which the service applies
    order = services.order_draft_create(
        case=case,
        order_type_key=order_type.key,
        entries=entries,
        data=data,
        created_by=clerk,
        date=spec["date"],
    )
    result.created.append(f"draft order {order}")
