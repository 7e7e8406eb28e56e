"""The registry of order types: discovery, lookup, which types fit a case, and the shared
machinery every type inherits (prefill of the house style, details as JSON, re-rendering)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import get_template

from orders import services
from orders.models import Party
from orders.motions import Ask
from orders.order_types import OrderType, registry
from orders.order_types.base import OrderTypeForm

from .factories import CaseFactory, DocketEntryFactory, PartyFactory, clerk_of
from .order_type_cases import ORDER_DATE, singular_case

pytestmark = pytest.mark.django_db

EXPECTED_KEYS = {
    "briefing_schedule",
    "deny_appointment_of_counsel",
    "deny_default_judgment",
    "deny_discovery_extension",
    "deny_discovery_motion",
    "deny_preliminary_injunction",
    "deny_reconsideration",
    "dismiss_with_leave_to_amend",
    "general_order",
    "grant_appointment_of_counsel",
    "grant_extension_of_time",
    "grant_ifp",
    "order_of_service",
    "rule_on_motion_to_compel",
}


def test_the_registry_finds_every_module_of_the_package():
    keys = {order_type.key for order_type in registry.all()}
    assert keys == EXPECTED_KEYS
    assert len(keys) >= 12
    package = Path(settings.BASE_DIR) / "orders" / "order_types"
    type_modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")} - {
        "base",
        "registry",
        "text",
    }
    assert type_modules == EXPECTED_KEYS  # one module per type, named after its key


def test_every_type_is_complete_and_has_its_template():
    titles = [order_type.title for order_type in registry.all()]
    assert titles == sorted(titles)
    for order_type in registry.all():
        assert isinstance(order_type, OrderType)
        assert order_type.title == order_type.title.upper() and order_type.title.startswith("ORDER")
        assert order_type.description and len(order_type.description) < 120
        assert order_type.template_name == f"order_types/{order_type.key}.txt"
        get_template(order_type.template_name)  # exists and compiles
        assert issubclass(order_type.Form, OrderTypeForm)
        if order_type.needs_entries:
            assert order_type.resolves_kinds


def test_an_unknown_key_raises_a_key_error_that_names_it():
    with pytest.raises(registry.UnknownOrderType) as error:
        registry.get("grant_everything")
    assert isinstance(error.value, KeyError)
    assert str(error.value) == "There is no order type “grant_everything”."
    assert registry.get("deny_discovery_motion").title == "ORDER DENYING DISCOVERY MOTION"


def test_for_case_puts_the_types_fitting_the_pending_entries_first(demo):
    fitting, rest = registry.for_case(demo["Crawford v. Beard"])
    keys = [order_type.key for order_type in fitting]
    # Dkt 53 is a *request* for an extension of time to answer discovery: the types that resolve
    # an extension of time, the general ORDER last; not those of another ask.
    assert keys == [
        "deny_discovery_extension",
        "grant_extension_of_time",
        "briefing_schedule",
        "general_order",
    ]
    assert "deny_discovery_motion" not in keys
    assert "deny_default_judgment" not in keys
    assert {o.key for o in fitting} | {o.key for o in rest} == EXPECTED_KEYS
    assert not {o.key for o in fitting} & {o.key for o in rest}
    assert [o.title for o in rest] == sorted(o.title for o in rest)

    fitting, rest = registry.for_case(demo["Luckert v. Brannon"])
    # “MOTION for Discovery”: not default judgment, an injunction, reconsideration or compel.
    assert [o.key for o in fitting] == ["deny_discovery_motion", "general_order"]
    default_judgment = registry.get("deny_default_judgment")
    assert default_judgment in rest
    assert registry.why_not(default_judgment, demo["Luckert v. Brannon"]) == (
        "It rules on a motion for default judgment; Dkt. No. 19 asks for discovery."
    )
    assert registry.why_not(registry.get("deny_discovery_motion"), demo["Luckert v. Brannon"]) == ""


def test_for_case_with_nothing_pending_offers_every_type_as_the_rest():
    case = CaseFactory()
    DocketEntryFactory(case=case, pending=False)
    fitting, rest = registry.for_case(case)
    assert fitting == []
    assert {o.key for o in rest} == EXPECTED_KEYS


def test_for_case_puts_the_screening_types_first_for_a_pending_complaint():
    case = CaseFactory()
    DocketEntryFactory(case=case, kind="complaint", description="COMPLAINT", pending=True)
    fitting, _ = registry.for_case(case)
    assert {o.key for o in fitting} == {"order_of_service", "dismiss_with_leave_to_amend"}


def test_fitting_entries_are_the_pending_ones_of_the_kinds_the_type_resolves():
    case = CaseFactory()
    motion = DocketEntryFactory(case=case, number=4, kind="motion", pending=True)
    request = DocketEntryFactory(case=case, number=3, kind="request", pending=True)
    DocketEntryFactory(case=case, number=5, kind="motion", pending=False)
    DocketEntryFactory(case=case, number=6, kind="order", pending=False)
    DocketEntryFactory(kind="motion", pending=True)  # another case
    assert list(registry.fitting_entries("deny_discovery_motion", case)) == [request, motion]
    assert list(registry.fitting_entries(registry.get("deny_default_judgment"), case)) == [motion]
    assert list(registry.fitting_entries("briefing_schedule", case)) == []


def test_a_new_draft_takes_the_house_style_of_the_judges_latest_order():
    case, entry = singular_case(description="MOTION for Discovery")
    order_type = registry.get("deny_appointment_of_counsel")
    assert order_type.initial(case=case, entries=[entry]).get("court_style") is None
    services.order_draft_create(
        case=case,
        order_type_key="deny_discovery_motion",
        entries=[entry],
        data={
            "court_style": "lower",
            "quotes": "straight",
            "docket_style": "hash",
            "local_rule_citation": "Civil L.R. 37-1",
        },
        created_by=clerk_of(case.assigned_judge),
        date=ORDER_DATE,
    )
    other_case = CaseFactory(assigned_judge=case.assigned_judge)
    initial = order_type.initial(case=other_case, entries=[])
    assert (initial["court_style"], initial["quotes"], initial["docket_style"]) == (
        "lower",
        "straight",
        "hash",
    )
    discovery_initial = registry.get("deny_discovery_motion").initial(case=other_case, entries=[])
    assert discovery_initial["local_rule_citation"] == "Civil L.R. 37-1"  # sticky for the same type


def test_stored_details_are_json_and_re_render_the_same_body():
    case, entry = singular_case()
    order = services.order_draft_create(
        case=case,
        order_type_key="grant_extension_of_time",
        entries=[entry],
        data={
            "movant": "plaintiff",
            "purpose": "file an opposition",
            "new_deadline": datetime.date(2024, 4, 15),
        },
        created_by=clerk_of(case.assigned_judge),
        date=ORDER_DATE,
    )
    order.refresh_from_db()
    assert order.details["new_deadline"] == "2024-04-15"
    order_type = registry.get(order.order_type)
    again = order_type.render_body(case=case, entries=[entry], data=order.details, judge=order.judge)
    assert again == order.body
    assert "no later than April 15, 2024" in again


def test_user_text_is_a_value_never_template_source():
    case, entry = singular_case()
    body = registry.get("deny_appointment_of_counsel").render_body(
        case=case,
        entries=[entry],
        data={"reasons": "{{ t.court }} {% if 1 %}<b>bold</b>{% endif %} & more.", "quotes": "straight"},
        judge=case.assigned_judge,
    )
    assert "{{ t.court }} {% if 1 %}<b>bold</b>{% endif %} & more." in body


def test_a_prisoner_is_recognised_by_the_party_even_if_the_case_flag_is_off():
    case = CaseFactory(prisoner=False, pro_se=False)
    PartyFactory(case=case, role=Party.Role.PLAINTIFF, institution="San Quentin State Prison")
    entry = DocketEntryFactory(case=case)
    body = registry.get("deny_discovery_motion").render_body(
        case=case, entries=[entry], data={}, judge=case.assigned_judge
    )
    assert "Where, as here, one of the parties is a prisoner" in body


def test_the_details_form_shows_the_types_own_fields_before_the_house_style():
    case, _ = singular_case()
    form = registry.get("deny_discovery_extension").get_form(case=case)
    names = list(form.fields)
    assert names[-5:] == ["court_style", "quotes", "docket_style", "emphasis", "terminate_line"]
    assert names.index("extension_days") < names.index("court_style")
    assert "terminate_line" not in registry.get("order_of_service").get_form(case=case).fields


def test_the_discovery_order_title_is_a_choice_of_the_chambers():
    case, entry = singular_case()
    order_type = registry.get("deny_discovery_motion")
    answers = {"motion": "motion for discovery"}
    cleaned = order_type.clean_data(case=case, entries=[entry], data=answers, order_date=ORDER_DATE)
    assert order_type.title_for(case=case, entries=[entry], data=cleaned) == "ORDER DENYING DISCOVERY MOTION"
    cleaned = order_type.clean_data(
        case=case,
        entries=[entry],
        data={**answers, "title_wording": "ORDER DENYING MOTION FOR DISCOVERY"},
        order_date=ORDER_DATE,
    )
    assert (
        order_type.title_for(case=case, entries=[entry], data=cleaned) == "ORDER DENYING MOTION FOR DISCOVERY"
    )


def test_a_new_type_is_one_class_and_one_template(monkeypatch):
    registry.autodiscover()  # before copying, so the real registry stays complete
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))

    @registry.register
    class GrantStay(OrderType):
        key = "grant_stay_example"
        title = "ORDER GRANTING STAY"
        description = "Example type registered by a test."
        resolves_kinds = ("motion",)
        resolves_asks = (Ask.STAY,)
        template_name = "order_types/grant_ifp.txt"  # any existing template will do here

    assert registry.get("grant_stay_example").title == "ORDER GRANTING STAY"
    assert "grant_stay_example" in {o.key for o in registry.all()}
    case, _ = singular_case(description="MOTION to Stay proceedings pending appeal")
    assert [o.key for o in registry.for_case(case)[0]] == ["grant_stay_example", "general_order"]

    with pytest.raises(ImproperlyConfigured, match="Two order types use the key"):

        @registry.register
        class Clash(OrderType):
            key = "grant_ifp"
            title = "ORDER"
            description = "Clash."

    with pytest.raises(ImproperlyConfigured, match="has no title"):

        @registry.register
        class Untitled(OrderType):
            key = "untitled_example"
            description = "No title."
