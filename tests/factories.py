"""factory_boy factories. They build through the models; tests that check the services'
behaviour call the services directly."""

import datetime

import factory
from django.contrib.auth import get_user_model

from orders.models import Case, ChambersMembership, Court, DocketEntry, Judge, Order, Party


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Clerk{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ["code"]

    code = "cand"
    name = "Northern District of California"
    heading_line_2 = "NORTHERN DISTRICT OF CALIFORNIA"


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judge

    court = factory.SubFactory(CourtFactory)
    full_name = factory.Sequence(lambda n: f"Judge Number {n}")
    signature_title = "United States District Judge"
    initials = factory.Sequence(lambda n: "J" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChambersMembership

    user = factory.SubFactory(UserFactory)
    judge = factory.SubFactory(JudgeFactory)
    role = ChambersMembership.Role.CLERK


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    class Params:
        seq = factory.Sequence(lambda n: n + 100)

    court = factory.SubFactory(CourtFactory)
    assigned_judge = factory.SubFactory(JudgeFactory, court=factory.SelfAttribute("..court"))
    number = factory.LazyAttribute(lambda o: f"20-cv-{o.seq:05d}-{o.assigned_judge.initials}")
    short_caption = factory.Sequence(lambda n: f"Doe{n} v. Roe")
    cause = "42 U.S.C. § 1983"
    date_filed = datetime.date(2020, 1, 15)
    pro_se = True
    prisoner = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        case = model_class(*args, **kwargs)
        case.full_clean()  # fills the parsed parts of the number
        case.save()
        return case


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"Party Number {n}")
    role = Party.Role.PLAINTIFF
    caption_position = factory.Sequence(lambda n: n + 1)
    pronoun = Party.Pronoun.HE


class DocketEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocketEntry

    case = factory.SubFactory(CaseFactory)
    number = factory.Sequence(lambda n: n + 1)
    date_filed = datetime.date(2021, 3, 1)
    description = "MOTION for Discovery"
    kind = DocketEntry.Kind.MOTION
    pending = True


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    case = factory.SubFactory(CaseFactory)
    judge = factory.SelfAttribute("case.assigned_judge")
    order_type = "deny_discovery_motion"
    title = "ORDER DENYING DISCOVERY MOTION"
    body = "Plaintiff's motion for discovery is DENIED."
    created_by = factory.SubFactory(UserFactory)


def clerk_of(judge: Judge):
    """A new user who is a clerk in ``judge``'s chambers (drafts orders there)."""
    return MembershipFactory(judge=judge, role=ChambersMembership.Role.CLERK).user
