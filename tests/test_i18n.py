"""Languages and time zones through HTTP: the header's switcher, the settings, dates in the member's zone."""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime

from community.auth.models import Role, User
from community.extensions import db
from community.notifications.models import Notification
from tests.factories import add_member, get_lab, get_user, make_initiative, make_profile, make_user

# A naive UTC moment, as the database stores it: 23:30 the day before in Trinidad.
MOMENT = datetime(2026, 1, 15, 3, 30)


def _switcher(page: str) -> str:
    match = re.search(r'<form class="language-switcher".*?</form>', page, re.S)
    assert match, "no language switcher on the page"
    return match.group(0)


def _set_user(app, username: str, **values) -> None:
    with app.app_context():
        user = get_user(username)
        for name, value in values.items():
            setattr(user, name, value)
        db.session.commit()


# The language switcher


@pytest.mark.parametrize("path", ["/", "/initiatives/", "/accessibility", "/auth/login", "/no-such-page"])
def test_every_page_has_a_language_switcher_that_works_without_javascript(client, path):
    form = _switcher(client.get(path).get_data(as_text=True))
    assert 'method="get" action="/language"' in form and "csrf_token" not in form
    assert '<label for="language-switcher-locale"' in form
    assert '<button type="submit">' in form
    for code, name in (("en", "English"), ("es", "Español"), ("fr", "Français"), ("nl", "Nederlands")):
        assert re.search(rf'<option value="{code}" lang="{code}"( selected)?>{name}</option>', form)


def test_the_switcher_shows_the_language_in_use_and_the_page_to_come_back_to(client):
    page = client.get("/initiatives/?sort=new", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    form = _switcher(page)
    assert '<option value="nl" lang="nl" selected>' in form
    assert '<input type="hidden" name="next" value="/initiatives/?sort=new">' in form


def test_a_visitors_pages_carry_no_session_so_all_visitors_share_them(client):
    for path in ("/", "/initiatives/", "/members/", "/labs/", "/search?q=data", "/accessibility"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path


def test_a_visitor_switches_language_with_a_long_lived_cookie_and_comes_back(client):
    response = client.get("/language", query_string={"locale": "es", "next": "/initiatives/?sort=new"})
    assert response.status_code == 302
    assert response.location == "/initiatives/?sort=new"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("locale=es;") and "Max-Age=31536000" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="es">' in page  # the cookie wins over the browser's preference
    assert '<option value="es" lang="es" selected>' in _switcher(page)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", None])
def test_the_switcher_only_goes_back_to_pages_of_the_site(client, target):
    data = {"locale": "fr"} | ({"next": target} if target else {})
    for response in (client.get("/language", query_string=data), client.post("/language", data=data)):
        assert response.status_code == 302 and response.location == "/"


@pytest.mark.parametrize("data", [{"locale": "xx"}, {"locale": ""}, {}, {"locale": "de", "next": "/"}])
def test_the_switcher_refuses_a_language_the_site_does_not_speak(client, data):
    for response in (client.get("/language", query_string=data), client.post("/language", data=data)):
        assert response.status_code == 400
        assert "Set-Cookie" not in response.headers or "locale=" not in response.headers["Set-Cookie"]


def test_the_switcher_refuses_a_post_without_its_token(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/language", data={"locale": "es"}).status_code == 400


def test_a_members_switcher_posts_with_its_token(app, client, monkeypatch, signed_in_member):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    form = _switcher(client.get("/").get_data(as_text=True))
    assert 'method="post" action="/language"' in form
    token = re.search(r'<input name="csrf_token" type="hidden" value="([^"]+)">', form).group(1)
    response = client.post("/language", data={"locale": "nl", "next": "/", "csrf_token": token})
    assert response.status_code == 302


def test_a_get_changes_no_account(app, client, signed_in_member):
    assert client.get("/language", query_string={"locale": "fr"}).status_code == 302
    with app.app_context():
        assert get_user(signed_in_member).locale != "fr"


def test_a_member_who_switches_keeps_the_language_on_the_account(app, client, signed_in_member):
    assert client.post("/language", data={"locale": "fr", "next": "/settings/"}).status_code == 302
    with app.app_context():
        assert get_user(signed_in_member).locale == "fr"
    page = client.get("/settings/").get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert re.search(r'<option lang="fr" selected value="fr">Français</option>', page)  # the settings form


def test_the_account_language_wins_over_the_cookie_on_another_device(app, client, sign_in, member):
    _set_user(app, member, locale="nl")
    client.set_cookie("locale", "es")
    sign_in(member)
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_the_settings_show_the_language_in_use_and_save_it_in_the_cookie_too(app, client, signed_in_member):
    _set_user(app, signed_in_member, locale=None)
    page = client.get("/settings/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert re.search(r'<option lang="es" selected value="es">Español</option>', page)
    response = client.post("/settings/language", data={"locale": "nl"})
    assert response.status_code == 302
    assert response.headers["Set-Cookie"].startswith("locale=nl;")
    with app.app_context():
        assert get_user(signed_in_member).locale == "nl"
    assert '<option value="nl" lang="nl" selected>' in _switcher(client.get("/").get_data(as_text=True))


def test_a_member_waiting_for_approval_may_still_switch_language(app, client, sign_in, member):
    _set_user(app, member, approved_at=None)
    sign_in(member)
    assert client.get("/initiatives/").status_code == 403
    assert client.post("/language", data={"locale": "fr", "next": "/"}).status_code == 302


# Time zones


def test_the_time_zone_setting_lists_the_caribbean_first_then_utc_and_the_world(
    app, client, signed_in_member
):
    page = client.get("/settings/").get_data(as_text=True)
    select = re.search(r'<select [^>]*id="timezone".*?</select>', page, re.S).group(0)
    zones = re.findall(r'value="([^"]+)"', select)
    caribbean = ["America/Port_of_Spain", "America/Jamaica", "America/Santo_Domingo", "America/Puerto_Rico"]
    assert zones[:4] == caribbean
    for zone in ("America/Havana", "America/Port-au-Prince", "America/Curacao", "America/Paramaribo"):
        assert zones.index(zone) < zones.index("UTC")
    assert zones.index("UTC") < zones.index("Africa/Abidjan") < zones.index("Pacific/Auckland")
    assert "localtime" not in zones and len(zones) > 400
    assert '<optgroup label="Caribbean">' in select
    assert (
        '<option value="America/Port_of_Spain">Trinidad &amp; Tobago (America/Port_of_Spain)</option>'
        in select
    )
    assert '<option selected value="UTC">UTC</option>' in select  # no zone and no country: UTC


def test_the_default_zone_is_that_of_the_profile_country(app, client, sign_in, member):
    with app.app_context():
        make_profile(get_user(member), country="JM")
    sign_in(member)  # the zone is worked out at sign-in, then when the member changes country
    page = client.get("/settings/").get_data(as_text=True)
    assert '<option selected value="America/Jamaica">' in page


def test_a_member_saves_a_time_zone_and_a_wrong_one_is_refused(app, client, signed_in_member):
    response = client.post("/settings/timezone", data={"timezone": "America/Paramaribo"})
    assert response.status_code == 302
    with app.app_context():
        assert get_user(signed_in_member).timezone == "America/Paramaribo"
    for wrong in ("Mars/Olympus_Mons", "localtime", "../../etc/passwd", ""):
        response = client.post("/settings/timezone", data={"timezone": wrong})
        assert response.status_code == 400
        assert 'class="error-summary"' in response.get_data(as_text=True)
    with app.app_context():
        assert get_user(signed_in_member).timezone == "America/Paramaribo"


def _initiative_at(app, moment: datetime, **fields) -> int:
    with app.app_context():
        initiative = make_initiative(**fields)
        initiative.created_at = initiative.last_activity_at = moment
        db.session.commit()
        return initiative.id


def _shown(moment: datetime, zone: str, locale: str) -> str:
    return format_datetime(
        moment.replace(tzinfo=ZoneInfo("UTC")), "medium", tzinfo=ZoneInfo(zone), locale=locale
    )


def test_dates_are_shown_in_the_members_zone_and_language_and_stay_utc_for_machines(
    app, client, signed_in_member
):
    initiative_id = _initiative_at(app, MOMENT)
    _set_user(app, signed_in_member, timezone="America/Port_of_Spain", locale="es")
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    shown = _shown(MOMENT, "America/Port_of_Spain", "es")
    assert f'<time datetime="2026-01-15T03:30:00Z">{shown}</time>' in page
    assert "14 ene 2026" in shown  # the day before, in Spanish


def test_visitors_see_dates_in_utc_in_their_language(app, client):
    initiative_id = _initiative_at(app, MOMENT)
    page = client.get(f"/initiatives/{initiative_id}", headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )
    assert f'<time datetime="2026-01-15T03:30:00Z">{_shown(MOMENT, "UTC", "fr")}</time>' in page


def test_a_member_without_a_zone_sees_dates_in_the_zone_of_their_country(app, client, sign_in, member):
    initiative_id = _initiative_at(app, MOMENT)
    with app.app_context():
        make_profile(get_user(member), country="TT")
    sign_in(member)
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert _shown(MOMENT, "America/Port_of_Spain", "en") in page
    moved = {"display_name": "Moved", "country": "JM"}  # through the form, in the member's own session
    assert client.post("/settings/profile", data=moved).status_code == 302
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert _shown(MOMENT, "America/Jamaica", "en") in page


def test_the_suspension_notice_gives_the_end_in_the_members_language_and_zone(app, client, sign_in):
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
        member = make_user(username="late-poster")
        member.locale, member.timezone = "fr", "America/Martinique"
        db.session.commit()
        member_id = member.id
    sign_in("mod")
    response = client.post(f"/moderation/members/{member_id}/suspend", data={"reason": "Spam", "days": "3"})
    assert response.status_code == 302
    with app.app_context():
        until = db.session.get(User, member_id).suspended_until
        subject = db.session.scalar(db.select(Notification.subject).where(Notification.user_id == member_id))
    assert subject == f"Spam ({_shown(until, 'America/Martinique', 'fr')})"


def test_a_documents_size_is_written_as_the_reader_writes_numbers(app, client, sign_in):
    with app.app_context():
        lead = add_member(get_lab(), role="lead").user.username
    sign_in(lead)
    document = (io.BytesIO(b"%PDF-1.4 " + b"x" * 1491), "survey.pdf")
    data = {"title": "Survey", "document": document}
    assert (
        client.post("/labs/agriculture/resources", data=data, content_type="multipart/form-data").status_code
        == 302
    )
    client.post("/language", data={"locale": "fr"})
    assert "(PDF, 1,5\u202fko)" in client.get("/labs/agriculture").get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    assert "(PDF, 1.5 kB)" in client.get("/labs/agriculture").get_data(as_text=True)
