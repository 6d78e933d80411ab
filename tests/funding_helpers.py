"""Build funding rows for tests (inside an app context) through the services."""

from datetime import datetime, timedelta

from community.auth.models import Role
from community.funding import partnerships, services
from community.funding.partnerships import NeedData
from community.funding.services import CallData
from community.utils import utcnow
from tests.factories import make_user


def make_partner(username: str | None = None):
    """A member an admin marked as a partner organisation."""
    admin = make_user(role=Role.ADMIN)
    member = make_user(username)
    services.mark_partner(admin, member, True)
    return member


def call_data(**fields) -> CallData:
    now = utcnow().replace(second=0, microsecond=0)
    values = {
        "funder": "Caribbean Development Bank",
        "title": "Digital agriculture fund",
        "summary": "Grants for digital services to farmers.",
        "kind": "grant",
        "opens": now - timedelta(days=10),
        "closes": now + timedelta(days=40),
        "timezone": "UTC",
        "apply_url": "https://funder.example/apply",
        "amount_min": 10_000,
        "amount_max": 50_000,
        "currency": "USD",
        "countries": ["LC", "JM"],
        "sectors": ["agriculture"],
        "sdgs": [2],
        "languages": ["en"],
    }
    values.update(fields)
    return CallData(**values)


def make_call(author=None, **fields):
    author = author or make_user(role=Role.MODERATOR)
    return services.create_call(author, call_data(**fields))


def form_of(**fields) -> dict:
    """The call form's fields as the browser posts them."""
    data = call_data()
    values = {
        "funder": data.funder,
        "title": data.title,
        "summary": data.summary,
        "kind": data.kind,
        "opens": _local(data.opens),
        "closes": _local(data.closes),
        "timezone": "America/St_Lucia",
        "apply_url": data.apply_url,
        "amount_min": "10000",
        "amount_max": "50000",
        "currency": "USD",
        "countries": ["LC", "JM"],
        "sectors": ["agriculture"],
        "sdgs": ["2"],
        "languages": ["en"],
    }
    values.update(fields)
    return values


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def seek(initiative, **fields):
    return partnerships.set_needs(initiative.author, initiative, NeedData(**fields))
