"""Funding calls: post, edit, save; partner organisations; alerts, the weekly digest and deadline reminders.

Public functions are one use case and one transaction each; the ``_`` helpers add and flush only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from community import countries, permissions
from community.auth.models import AccountState, User
from community.extensions import db
from community.forum import vocabulary as forum_vocabulary
from community.funding import vocabulary as v
from community.funding.errors import FundingError
from community.funding.models import AlertSetting, Call, CallTerm, PartnerOrganisation, SavedCall
from community.i18n.zones import is_time_zone
from community.mail import send_mail
from community.markdown import RENDERER_VERSION, render_markdown
from community.notifications import services as notifications
from community.profiles.models import Profile
from community.utils import utcnow

notifications.register_kind("funding_call", _l("A new funding call fits you: “%(subject)s”."))
notifications.register_kind("funding_reminder", _l("A call you saved closes in 7 days: “%(subject)s”."))

DIGEST_EVERY = timedelta(days=7)
MAX_AMOUNT = 10**15


@dataclass
class CallData:
    """A call's fields as plain values; dates are wall-clock times in ``timezone``."""

    funder: str
    title: str
    summary: str
    kind: str
    opens: datetime
    closes: datetime
    timezone: str
    apply_url: str
    details: str = ""
    amount_min: int | None = None
    amount_max: int | None = None
    currency: str = "USD"
    whole_region: bool = False
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    contact: str = ""


def is_partner(user) -> PartnerOrganisation | None:
    """The member's partner-organisation mark, or None (visitors have none)."""
    if not user.is_authenticated:
        return None
    return db.session.get(PartnerOrganisation, user.id)


def to_utc(moment: datetime, zone: str) -> datetime:
    """A wall-clock time in ``zone`` as the naive UTC the columns store."""
    return moment.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)


def in_zone(moment: datetime, zone: str) -> datetime:
    """A stored UTC time as the wall-clock time of ``zone``."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone if is_time_zone(zone) else "UTC"))


def check_call(data: CallData) -> None:
    """Refuse what no call may hold, naming the field."""
    if not is_time_zone(data.timezone):
        raise FundingError(_l("Choose a time zone from the list."), field="timezone")
    if data.closes <= data.opens:
        raise FundingError(_l("The call must close after it opens."), field="closes")
    check_amounts(data.amount_min, data.amount_max)
    if not v.is_currency(data.currency):
        raise FundingError(_l("Choose a currency from the list (ISO 4217)."), field="currency")
    check_link(data.apply_url, "apply_url")
    if set(data.countries) - countries.all_codes():
        raise FundingError(_l("Choose countries from the list."), field="countries")
    if not data.whole_region and not data.countries:
        raise FundingError(_l("Choose the eligible countries, or the whole region."), field="countries")
    if set(data.sectors) - set(forum_vocabulary.SECTORS) or set(data.sdgs) - set(forum_vocabulary.SDGS):
        raise FundingError(_l("Choose sectors and goals from the lists."), field="sectors")
    if set(data.languages) - set(forum_vocabulary.CONTENT_LANGUAGES):
        raise FundingError(_l("Choose languages from the list."), field="languages")


def check_amounts(low: int | None, high: int | None) -> None:
    for amount, name in ((low, "amount_min"), (high, "amount_max")):
        if amount is not None and not 0 <= amount < MAX_AMOUNT:
            raise FundingError(_l("Give an amount of zero or more."), field=name)
    if low is not None and high is not None and low > high:
        raise FundingError(_l("The largest amount cannot be smaller than the smallest."), field="amount_max")


def check_link(url: str, name: str) -> None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url or len(url) > 500:
        raise FundingError(_l("Give a web address starting with https:// or http://."), field=name)


def create_call(author: User, data: CallData) -> Call:
    """Post a call and alert, at once, the members it fits who asked to hear at once."""
    if not permissions.can_post_call(author, is_partner(author)):
        raise FundingError(_l("Only moderators and partner organisations post funding calls."))
    check_call(data)
    call = Call(author=author)
    _fill(call, data)
    db.session.add(call)
    db.session.flush()
    for member in _fitting_members(call, v.AlertMode.IMMEDIATELY):
        notifications.notify(member, "funding_call", call.title, _path(call), actor=author)
    db.session.commit()
    return call


def update_call(call: Call, editor: User, data: CallData) -> Call:
    if not permissions.can_edit_call(editor, call):
        raise FundingError(_l("You cannot edit this call."))
    check_call(data)
    _fill(call, data)
    call.edited_at = utcnow()
    db.session.commit()
    return call


def _fill(call: Call, data: CallData) -> None:
    call.funder, call.title, call.summary = data.funder.strip(), data.title.strip(), data.summary.strip()
    call.details = data.details
    call.details_html = str(render_markdown(data.details))
    call.html_version = RENDERER_VERSION
    call.kind = v.CallKind(data.kind)
    call.amount_min, call.amount_max, call.currency = data.amount_min, data.amount_max, data.currency
    call.opens_at, call.closes_at = to_utc(data.opens, data.timezone), to_utc(data.closes, data.timezone)
    call.timezone = data.timezone
    call.whole_region = data.whole_region
    call.apply_url, call.contact = data.apply_url.strip(), data.contact.strip()
    terms = [("country", c) for c in ([] if data.whole_region else data.countries)]
    terms += [("sector", s) for s in data.sectors] + [("sdg", str(g)) for g in data.sdgs]
    terms += [("language", lang) for lang in data.languages]
    call.terms = [CallTerm(facet=facet, value=value) for facet, value in dict.fromkeys(terms)]


def path(endpoint: str, **values) -> str:
    """A path of the site, also outside a request (CLI, demo seed)."""
    return current_app.url_map.bind("").build(endpoint, values)


def _path(call: Call) -> str:
    return path("funding.show", call_id=call.id)


def _fitting_members(call: Call, mode: v.AlertMode) -> list[User]:
    """Members in an eligible country who chose ``mode`` and share a sector (or chose none)."""
    statement = (
        select(User, AlertSetting)
        .join(AlertSetting, AlertSetting.user_id == User.id)
        .join(Profile, Profile.user_id == User.id)
        .where(AlertSetting.mode == mode, User.is_listed)
    )
    if not call.whole_region:
        statement = statement.where(Profile.country.in_(call.countries or [""]))
    return [user for user, setting in db.session.execute(statement) if _fits_sectors(setting, call)]


def _fits_sectors(setting: AlertSetting, call: Call) -> bool:
    return not setting.sectors or not call.sectors or bool(set(setting.sectors) & set(call.sectors))


def save_call(user: User, call: Call) -> None:
    """Keep a call in the member's list; its deadline reminder follows."""
    if not permissions.can_save_call(user, call):
        raise FundingError(_l("You cannot save this call."))
    if db.session.get(SavedCall, (user.id, call.id)) is None:
        db.session.add(SavedCall(user_id=user.id, call_id=call.id))
    db.session.commit()


def unsave_call(user: User, call: Call) -> None:
    saved = db.session.get(SavedCall, (user.id, call.id))
    if saved is not None:
        db.session.delete(saved)
    db.session.commit()


def alert_setting(user: User) -> AlertSetting:
    return db.session.get(AlertSetting, user.id) or AlertSetting(
        user_id=user.id, mode=v.AlertMode.NEVER, sectors=[]
    )


def set_alerts(user: User, mode: str, sectors: list[str]) -> None:
    """Save how, and for which sectors, the member hears of new calls."""
    if mode not in set(v.AlertMode) or set(sectors) - set(forum_vocabulary.SECTORS):
        raise FundingError(_l("Choose from the lists."))
    setting = db.session.get(AlertSetting, user.id)
    if setting is None:
        setting = AlertSetting(user_id=user.id, last_digest_at=utcnow())
        db.session.add(setting)
    setting.mode, setting.sectors = v.AlertMode(mode), sorted(set(sectors))
    db.session.commit()


def mark_partner(admin: User, member: User, is_partner_organisation: bool) -> None:
    """An admin marks a member as a partner organisation, or removes the mark."""
    if not permissions.can_mark_partners(admin):
        raise FundingError(_l("Only admins mark partner organisations."))
    current = db.session.get(PartnerOrganisation, member.id)
    if is_partner_organisation and current is None:
        db.session.add(PartnerOrganisation(user_id=member.id, granted_by_id=admin.id))
    elif not is_partner_organisation and current is not None:
        db.session.delete(current)
    db.session.commit()


def send_digests(now: datetime | None = None) -> int:
    """E-mail each weekly-digest member the new calls that fit them; commits once per member."""
    now = now or utcnow()
    due = or_(AlertSetting.last_digest_at.is_(None), AlertSetting.last_digest_at <= now - DIGEST_EVERY)
    settings = db.session.scalars(
        select(AlertSetting)
        .where(AlertSetting.mode == v.AlertMode.WEEKLY, due)
        .order_by(AlertSetting.user_id)
    ).all()
    sent = 0
    for setting in settings:
        since = setting.last_digest_at or now - DIGEST_EVERY
        user = db.session.get(User, setting.user_id)
        if user is None:  # the account went with its setting (cascade): nothing to send
            continue
        calls = [call for call in _new_calls(since, now) if _fits(user, setting, call)]
        if calls and user.is_listed and user.state == AccountState.ACTIVE:
            send_mail(user.email, _l("New funding calls for you"), "funding_digest", locale=user.locale,
                      user=user, calls=calls)  # fmt: skip
            sent += 1
        setting.last_digest_at = now
        db.session.commit()
    return sent


def _new_calls(since: datetime, now: datetime) -> list[Call]:
    return list(
        db.session.scalars(
            select(Call)
            .where(Call.created_at > since, Call.created_at <= now, Call.is_hidden.is_(False))
            .where(Call.closes_at > now)
            .options(selectinload(Call.terms))
            .order_by(Call.closes_at)
        )
    )


def _fits(user: User, setting: AlertSetting, call: Call) -> bool:
    country = db.session.scalar(select(Profile.country).where(Profile.user_id == user.id))
    return call.is_eligible(country) and _fits_sectors(setting, call)


def send_reminders(now: datetime | None = None) -> int:
    """Remind members, once, of each saved call closing within seven days."""
    now = now or utcnow()
    saved = db.session.scalars(
        select(SavedCall)
        .join(SavedCall.call)
        .where(SavedCall.reminded_at.is_(None), Call.is_hidden.is_(False))
        .where(Call.closes_at > now, Call.closes_at <= now + timedelta(days=v.REMINDER_DAYS))
        .options(selectinload(SavedCall.user), selectinload(SavedCall.call))
    ).all()
    for item in saved:
        notifications.notify(item.user, "funding_reminder", item.call.title, _path(item.call))
        item.reminded_at = now
    db.session.commit()
    return len(saved)
