"""A member's self-assessment through HTTP: one dimension per page, drafts, submit, result, privacy."""

import re

import pytest
from sqlalchemy import func, select

from community.assessments.models import Answer, Assessment
from community.extensions import db
from tests.assessment_helpers import DIMENSIONS, page_data, rate_everything, start
from tests.factories import make_user


def test_a_member_completes_a_self_assessment_and_sees_charts_and_a_table(client, signed_in_member):
    assessment_id = start(client)
    ratings = {1: ["5", "5", "4", "5"], 2: ["4", "4", "4", "dk"], 6: ["1", "2", "dk", "1"]}
    rate_everything(client, assessment_id, ratings)

    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert page.count("<svg") == 2 and 'role="img"' in page
    assert "Radar chart of the score per dimension" in page
    assert '<th scope="row">Vision and leadership</th><td>4.75</td><td>4 / 4</td><td>0</td>' in page
    assert '<th scope="row">Strategy and governance</th><td>4.00</td><td>3 / 4</td><td>1</td>' in page
    assert '<th scope="row">People and skills</th><td>1.33</td><td>3 / 4</td><td>1</td>' in page
    assert re.search(
        r"Strongest:</?\w*> ?<strong>Vision and leadership</strong>", page.replace("\n", " ")
    ) or ("Strongest:" in page and "<strong>Vision and leadership</strong>" in page)
    assert "<strong>People and skills</strong>" in page
    assert "Next steps for the weakest dimensions" in page
    assert "<script" not in page


def test_every_step_is_kept_as_a_draft_and_can_be_resumed(client, signed_in_member):
    assessment_id = start(client)
    response = client.post(
        f"/assessments/{assessment_id}/dimensions/1", data=page_data(["2", "dk", None, None], "save")
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/dimensions/1")

    again = client.get(f"/assessments/{assessment_id}/dimensions/1").get_data(as_text=True)
    assert re.search(r'<input checked id="rating_1-1"[^>]*value="2"', again)
    assert re.search(r'<input checked id="rating_2-5"[^>]*value="dk"', again)
    review = client.get(f"/assessments/{assessment_id}/review").get_data(as_text=True)
    assert "2 statements to answer" in review and "Submit the assessment" not in review

    refused = client.post(f"/assessments/{assessment_id}/submit", follow_redirects=True)
    assert "before submitting" in refused.get_data(as_text=True)
    listing = client.get("/assessments/").get_data(as_text=True)
    assert "Draft" in listing


def test_a_rating_outside_the_scale_is_refused_and_nothing_is_stored(app, client, signed_in_member):
    assessment_id = start(client)
    for bad in ("6", "0", "-1", "abc"):
        response = client.post(
            f"/assessments/{assessment_id}/dimensions/1", data=page_data([bad, "3", "3", "3"])
        )
        assert response.status_code == 400
        assert "Not a valid choice" in response.get_data(as_text=True)
    assert client.get(f"/assessments/{assessment_id}/dimensions/99").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


@pytest.fixture
def submitted(app, client, sign_in):
    with app.app_context():
        make_user(username="author")
        make_user(username="other")
    sign_in("author")
    assessment_id = start(client)
    rate_everything(client, assessment_id)
    client.post("/auth/logout")
    return assessment_id


@pytest.mark.parametrize(("who", "status"), [("visitor", 404), ("other", 404), ("author", 200)])
def test_a_result_is_private_to_its_author(client, sign_in, submitted, who, status):
    if who != "visitor":
        sign_in(who)
    assert client.get(f"/assessments/{submitted}").status_code == status


def test_a_shared_result_is_seen_by_members_but_not_by_visitors(client, sign_in, submitted):
    sign_in("author")
    client.post(f"/assessments/{submitted}/share", data={"shared": "1"})
    client.post("/auth/logout")
    assert client.get(f"/assessments/{submitted}").status_code == 404
    sign_in("other")
    assert client.get(f"/assessments/{submitted}").status_code == 200
    assert client.post(f"/assessments/{submitted}/share", data={"shared": "0"}).status_code == 403


def test_nobody_edits_someone_elses_assessment_nor_a_submitted_one(app, client, sign_in, submitted):
    sign_in("other")
    response = client.post(f"/assessments/{submitted}/dimensions/1", data=page_data(["1", "1", "1", "1"]))
    assert response.status_code == 404
    client.post("/auth/logout")
    sign_in("author")
    assert (
        client.post(
            f"/assessments/{submitted}/dimensions/1", data=page_data(["1", "1", "1", "1"])
        ).status_code
        == 403
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer).where(Answer.rating == 1)) == 0


def test_an_unconfirmed_member_cannot_start_and_a_visitor_is_sent_to_sign_in(app, client, sign_in):
    assert client.get("/assessments/new").status_code == 302
    with app.app_context():
        make_user(username="newcomer", confirmed=False)
    sign_in("newcomer")
    assert client.post("/assessments/new", data={"organization": "X"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Assessment.id))) == 0


def test_the_assessment_keeps_the_framework_version_it_was_taken_with(
    app, client, signed_in_member, tmp_path
):
    assessment_id = start(client)
    from community.assessments import framework as framework_file

    newer = tmp_path / "v2.yaml"
    newer.write_text(framework_file.SHIPPED.read_text().replace('version: "1.0"', 'version: "2.0"'))
    assert app.test_cli_runner().invoke(args=["assessments", "load", str(newer)]).exit_code == 0
    rate_everything(client, assessment_id)
    assert "version 1.0" in client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    later = start(client, "Another unit")
    assert "version 2.0" in client.get(f"/assessments/{later}/review").get_data(as_text=True)


def test_the_rating_pages_speak_the_members_language(client, signed_in_member):
    assessment_id = start(client)
    client.post("/settings/language", data={"locale": "es"})
    page = client.get(f"/assessments/{assessment_id}/dimensions/1", headers={"Accept-Language": "es"})
    text = page.get_data(as_text=True)
    assert DIMENSIONS[0]["name"]["es"] in text or DIMENSIONS[0]["name"]["en"] in text


def test_a_members_data_download_holds_their_assessments(client, signed_in_member):
    assessment_id = start(client)
    client.post(f"/assessments/{assessment_id}/dimensions/1", data=page_data(["4", "dk", "3", "2"]))
    document = client.get("/settings/export/download").get_json()
    part = document["capability_assessments"]["assessments"][0]
    assert part["organization"] == "Ministry of Digital Affairs" and part["status"] == "draft"
    assert {"statement": "vision-champion", "rating": None, "dont_know": True, "note": ""} in part["answers"]


def test_a_national_framework_an_admin_loaded_can_be_chosen(app, client, signed_in_member, tmp_path):
    from community.assessments import framework as framework_file

    national = tmp_path / "national.yaml"
    text = framework_file.SHIPPED.read_text().replace("key: digital-government", "key: national-ict")
    national.write_text(text.replace("en: Digital government capability", "en: National ICT readiness"))
    assert app.test_cli_runner().invoke(args=["assessments", "load", str(national)]).exit_code == 0
    form = client.get("/assessments/new").get_data(as_text=True)
    assert '<option value="national-ict">National ICT readiness</option>' in form
    response = client.post("/assessments/new", data={"organization": "Unit", "framework": "national-ict"})
    assessment_id = int(response.headers["Location"].split("/")[2])
    assert "National ICT readiness" in client.get(f"/assessments/{assessment_id}/review").get_data(
        as_text=True
    )
    assert (
        client.post("/assessments/new", data={"organization": "Unit", "framework": "nope"}).status_code == 400
    )
