"""Profiles through HTTP: editing, privacy, bad input, the profile page, the export."""

import json
import re

import pytest

from community.auth.models import AccountState, Role
from community.extensions import db
from community.profiles import services
from community.profiles.models import EmailVisibility, Profile, VisitorView
from tests.factories import get_user, make_profile, make_user

FULL_FORM = {
    "display_name": "Amara Joseph",
    "headline": "Leads the national digital ID programme",
    "job_title": "Chief Digital Officer",
    "organization": "Ministry of Public Service",
    "country": "LC",
    "expertise": ["digital-identity", "service-design"],
    "tags": "GovTech, Blockchain , govtech",
    "languages": ["en", "fr"],
    "bio": "I work on **digital identity**.",
    "website_url": "https://gov.lc.example",
    "linkedin_url": "https://www.linkedin.com/in/amara",
    "other_url": "",
}


def profile_of(app, username) -> dict:
    with app.app_context():
        profile = db.session.get(Profile, get_user(username).id)
        return {
            "display_name": profile.display_name,
            "country": profile.country,
            "expertise": profile.expertise_codes,
            "languages": profile.language_codes,
            "tags": profile.tag_names,
            "bio_html": profile.bio_html,
            "organization": profile.organization,
        }


def test_every_account_has_a_profile_named_after_it(app):
    with app.app_context():
        user = make_user(username="new-one")
        profile = db.session.get(Profile, user.id)
        assert profile.display_name == "new-one" and profile.activity_count == 0
        assert profile.email_visibility == EmailVisibility.NOBODY
        assert profile.visitor_view == VisitorView.SUMMARY


def test_member_fills_in_the_profile_and_sees_it(app, client, signed_in_member):
    assert client.get("/settings/profile").status_code == 200
    response = client.post("/settings/profile", data=FULL_FORM)
    assert response.status_code == 302 and response.location.endswith(f"/members/{signed_in_member}")
    saved = profile_of(app, signed_in_member)
    assert saved["country"] == "LC" and saved["expertise"] == ["digital-identity", "service-design"]
    # topics keep the case they were written in ("GovTech" was lowered to "govtech"); repeats go
    assert saved["languages"] == ["en", "fr"] and saved["tags"] == ["Blockchain", "GovTech"]
    assert "<strong>digital identity</strong>" in saved["bio_html"]
    page = client.get(f"/members/{signed_in_member}").get_data(as_text=True)
    for text in (
        "Amara Joseph",
        "Chief Digital Officer",
        "Ministry of Public Service",
        "St. Lucia",
        "Digital identity",
        "Blockchain",
        "French",
        "https://gov.lc.example",
    ):
        assert text in page
    form = client.get("/settings/profile").get_data(as_text=True)
    assert 'value="Amara Joseph"' in form and "Blockchain, GovTech" in form


def test_unticking_every_box_clears_the_lists(app, client, signed_in_member):
    client.post("/settings/profile", data=FULL_FORM)
    data = {key: value for key, value in FULL_FORM.items() if key not in ("expertise", "languages")}
    client.post("/settings/profile", data={**data, "tags": ""})
    saved = profile_of(app, signed_in_member)
    assert saved["expertise"] == [] and saved["languages"] == [] and saved["tags"] == []


def test_control_characters_are_dropped_from_what_members_type(app, client, signed_in_member):
    data = {
        **FULL_FORM,
        "display_name": "Amara\x01 Joseph\x07",
        "bio": "line\x02 one\r\nline two",
        "tags": "a\x03b",
    }
    assert client.post("/settings/profile", data={**data, "bio": "nul\x00"}).status_code == 400  # site-wide
    assert client.post("/settings/profile", data=data).status_code == 302
    saved = profile_of(app, signed_in_member)
    assert saved["display_name"] == "Amara Joseph" and saved["tags"] == ["ab"]
    assert "line one" in saved["bio_html"]


def test_a_bio_with_script_is_rendered_inert(app, client, signed_in_member):
    bio = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> **ok**"
    client.post("/settings/profile", data={**FULL_FORM, "bio": bio})
    page = client.get(f"/members/{signed_in_member}").get_data(as_text=True)
    assert "<script" not in page and 'href="javascript' not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    assert "<strong>ok</strong>" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"country": "XX"}, "Choose a country from the list."),
        ({"country": "419"}, "Choose a country from the list."),
        ({"expertise": ["digital-identity", "astrology"]}, "Choose areas of expertise from the list."),
        ({"languages": ["klingon"]}, "Choose languages from the list."),
        ({"display_name": "   "}, "This field is required."),
        ({"website_url": "javascript:alert(1)"}, "Enter a web address starting with https://."),
        ({"linkedin_url": "https://"}, "Enter a web address."),
        ({"tags": ", ".join(f"t{n}" for n in range(11))}, "At most 10 tags."),
        ({"tags": "<b>bold</b>"}, "Tags are up to 30 letters"),
        ({"headline": "x" * 161}, "160"),
        ({"bio": "x" * 5001}, "5000"),
    ],
)
def test_bad_profile_input_is_refused_with_a_message_and_nothing_stored(
    app, client, signed_in_member, change, message
):
    response = client.post("/settings/profile", data={**FULL_FORM, **change})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "There is a problem" in page and message in page
    assert profile_of(app, signed_in_member)["country"] is None


def test_visitors_are_sent_to_sign_in_from_profile_settings(client):
    for path in (
        "/settings/profile",
        "/settings/avatar",
        "/settings/privacy",
        "/settings/export",
        "/settings/export/download",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.location


def _private_member(app, email_visibility=EmailVisibility.NOBODY, visitor_view=VisitorView.SUMMARY):
    with app.app_context():
        user = make_user(username="owner", email="owner@gov.jm.example")
        make_profile(
            user,
            display_name="Kemar Brown",
            headline="Runs e-procurement",
            organization="Treasury",
            country="JM",
            expertise=["procurement"],
            bio="Secret **bio**",
        )
        services.set_privacy(user, email_visibility, visitor_view)
        make_user(username="reader")


@pytest.mark.parametrize(
    ("who", "visitor_view", "sees_full"),
    [
        ("visitor", VisitorView.SUMMARY, False),
        ("visitor", VisitorView.FULL, True),
        ("reader", VisitorView.SUMMARY, True),
        ("owner", VisitorView.SUMMARY, True),
    ],
)
def test_what_each_viewer_sees_of_a_profile(app, client, sign_in, who, visitor_view, sees_full):
    _private_member(app, visitor_view=visitor_view)
    if who != "visitor":
        sign_in(who)
    page = client.get("/members/owner").get_data(as_text=True)
    for public in ("Kemar Brown", "Runs e-procurement", "Jamaica"):
        assert public in page
    for private in ("Treasury", "Procurement", "<strong>bio</strong>"):
        assert (private in page) is sees_full
    assert ("Sign in to see it" in page) is (not sees_full)


@pytest.mark.parametrize(
    ("who", "setting", "sees_email"),
    [
        ("visitor", EmailVisibility.MEMBERS, False),
        ("reader", EmailVisibility.MEMBERS, True),
        ("reader", EmailVisibility.NOBODY, False),
        ("owner", EmailVisibility.NOBODY, True),
    ],
)
def test_who_sees_the_email_address(app, client, sign_in, who, setting, sees_email):
    _private_member(app, email_visibility=setting, visitor_view=VisitorView.FULL)
    if who != "visitor":
        sign_in(who)
    assert ("owner@gov.jm.example" in client.get("/members/owner").get_data(as_text=True)) is sees_email


def test_member_changes_privacy_and_bad_values_are_refused(app, client, signed_in_member):
    assert client.get("/settings/privacy").status_code == 200
    response = client.post("/settings/privacy", data={"email_visibility": "members", "visitor_view": "full"})
    assert response.status_code == 302
    response = client.post("/settings/privacy", data={"email_visibility": "everyone", "visitor_view": "full"})
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    with app.app_context():
        profile = db.session.get(Profile, get_user(signed_in_member).id)
        assert (
            profile.email_visibility == EmailVisibility.MEMBERS and profile.visitor_view == VisitorView.FULL
        )


def test_profile_pages_of_unknown_banned_or_unconfirmed_members_are_404(app, client, sign_in):
    with app.app_context():
        make_user(username="pending", confirmed=False)
        banned = make_user(username="banned-one")
        banned.state = AccountState.BANNED
        db.session.commit()
    assert client.get("/members/nobody-here").status_code == 404
    assert client.get("/members/" + "x" * 500).status_code == 404
    assert client.get("/members/a%00b").status_code == 400
    assert client.get("/members/%F0%9F%98%80").status_code == 404
    assert client.get("/members/pending").status_code == 404
    assert client.get("/members/banned-one").status_code == 404
    sign_in("pending")
    assert client.get("/members/pending").status_code == 200  # one's own page


def test_profile_page_shows_the_role_badge(app, client):
    with app.app_context():
        make_user(username="mod-one", role=Role.MODERATOR)
        make_user(username="admin-one", role=Role.ADMIN)
        make_user(username="plain-one")
    assert 'badge-role">Moderator' in client.get("/members/mod-one").get_data(as_text=True)
    assert 'badge-role">Admin' in client.get("/members/admin-one").get_data(as_text=True)
    assert "badge-role" not in client.get("/members/plain-one").get_data(as_text=True)


def test_members_without_a_picture_get_initials(app, client):
    with app.app_context():
        make_profile(make_user(username="jdupont"), display_name="Jean-Marie Dupont")
    page = client.get("/members/jdupont").get_data(as_text=True)
    assert "avatar-initials" in page and ">JM</span>" in page


def test_record_activity_counts_without_committing(app):
    with app.app_context():
        user = make_user()
        services.record_activity(user)
        services.record_activity(user, 2)
        assert db.session.get(Profile, user.id).activity_count == 3
        db.session.rollback()
        assert db.session.get(Profile, user.id).activity_count == 0


def test_export_holds_the_account_and_the_profile(app, client, signed_in_member):
    client.post("/settings/profile", data=FULL_FORM)
    assert client.get("/settings/export").status_code == 200
    response = client.get("/settings/export/download")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="community-member-')
    assert "no-store" in response.headers["Cache-Control"]
    document = json.loads(response.get_data(as_text=True))
    assert document["format_version"] == 1
    assert document["account"]["username"] == signed_in_member
    assert (
        document["account"]["email"] == f"{signed_in_member}@agency1.gov.example"
        or "@" in document["account"]["email"]
    )
    assert len(document["account"]["open_sessions"]) == 1
    profile = document["profile"]
    assert profile["display_name"] == "Amara Joseph"
    assert profile["country"] == {"code": "LC", "name": "St. Lucia"}
    assert [item["code"] for item in profile["expertise"]] == ["digital-identity", "service-design"]
    assert profile["bio_markdown"] == "I work on **digital identity**."
    text = response.get_data(as_text=True)
    with app.app_context():
        user = get_user(signed_in_member)
        assert user.password_hash not in text
        assert all(s.token_hash not in text for s in user.sessions)


def test_features_add_sections_to_the_export(app, client, signed_in_member):
    from community.profiles import export

    export.register_section("initiatives", lambda user: [{"title": f"by {user.username}"}])
    try:
        document = client.get("/settings/export/download").get_json()
        assert document["initiatives"] == [{"title": f"by {signed_in_member}"}]
        with pytest.raises(ValueError, match="registered already"):
            export.register_section("initiatives", lambda user: None)
    finally:
        export.SECTIONS[:] = [s for s in export.SECTIONS if s[0] != "initiatives"]


def test_features_add_sections_to_the_profile_page(app, client, member, monkeypatch):
    from community.profiles import sections

    monkeypatch.setattr(sections, "PROFILE_SECTIONS", [])
    sections.register_section("profiles/_test_section.html", lambda member, viewer: None)
    assert client.get(f"/members/{member}").status_code == 200  # a section with nothing shows nothing


def test_seed_demo_adds_about_forty_varied_members(app, client):
    with app.app_context():  # seed-demo is a plain click command: it needs the context pushed
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "40 member profiles." in result.output
    with app.app_context():
        profiles = db.session.scalars(db.select(Profile)).all()
        assert len(profiles) == 40
        assert len({p.country for p in profiles}) >= 15
        assert sum(1 for p in profiles if p.avatar_key) >= 20
        assert all(p.expertise and p.languages and p.headline for p in profiles)
    page = client.get("/members/?country=JM").get_data(as_text=True)
    assert "Kemar Brown" in page


def test_a_bio_stored_by_an_older_renderer_is_rendered_again(app, client):
    with app.app_context():
        profile = make_profile(make_user(username="old-bio"), bio="**fresh**")
        profile.bio_html, profile.bio_renderer_version = "<p>stale</p>", 0
        profile.visitor_view = VisitorView.FULL
        db.session.commit()
    page = client.get("/members/old-bio").get_data(as_text=True)
    assert "<strong>fresh</strong>" in page and "stale" not in page


def test_a_member_who_sets_their_country_gets_its_time_zone_at_once(app, client, signed_in_member):
    """The zone worked out from the country applied only after signing in again."""

    def chosen_zone() -> str:
        page = client.get("/settings/").get_data(as_text=True)
        zones = page[page.index('name="timezone"') :]
        return re.search(r'<option (?=[^>]*selected)[^>]*value="([^"]+)"', zones)[1]

    assert chosen_zone() == "UTC"
    assert client.post("/settings/profile", data={**FULL_FORM, "country": "JM"}).status_code == 302
    assert chosen_zone() == "America/Jamaica"
