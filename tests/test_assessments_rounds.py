"""Collaborative rounds through HTTP: invite, rate alone, close, spread, consensus, publish, region."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.assessments.models import Answer, Round
from community.extensions import db
from community.utils import utcnow
from tests.assessment_helpers import DIMENSIONS, page_data, rate_everything
from tests.factories import make_initiative, make_user

STATEMENTS = sum(len(d["statements"]) for d in DIMENSIONS)


def tomorrow() -> str:
    return (utcnow().date() + timedelta(days=1)).isoformat()


def open_round(
    client,
    name="Saint Lucia country team",
    country="LC",
    invitees="zuleika\nyannick@agency.gov.example, @xiomara",
):
    response = client.post(
        "/assessments/rounds/new",
        data={
            "team_name": name,
            "team_kind": "country",
            "country": country,
            "closes_on": tomorrow(),
            "invitees": invitees,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def take_part(client, round_id: int, default: str) -> int:
    response = client.post(f"/assessments/rounds/{round_id}/take-part")
    assert response.status_code == 302, response.status_code
    assessment_id = int(response.headers["Location"].split("/")[2])
    rate_everything(client, assessment_id, default=default)
    return assessment_id


def agree_all(client, round_id: int, rating: str = "3"):
    data = {"save": "1"}
    for index in range(1, STATEMENTS + 1):
        data[f"rating_{index}"], data[f"note_{index}"] = rating, "agreed"
    return client.post(f"/assessments/rounds/{round_id}/consensus", data=data)


@pytest.fixture
def team(app):
    with app.app_context():
        for name in ("lead", "zuleika", "xiomara", "outsider"):
            make_user(username=name)
        make_user(username="yannick", email="yannick@agency.gov.example")


def run_round(
    client, sign_in, name="Saint Lucia country team", country="LC", ratings=("2", "4", "5"), rating="3"
):
    """The facilitator opens a round, three members rate, it closes, the team agrees and it is published."""
    sign_in("lead")
    round_id = open_round(client, name, country)
    client.post("/auth/logout")
    for member, value in zip(("zuleika", "yannick", "xiomara"), ratings, strict=True):
        sign_in(member)
        take_part(client, round_id, value)
        client.post("/auth/logout")
    sign_in("lead")
    assert client.post(f"/assessments/rounds/{round_id}/close").status_code == 302
    assert agree_all(client, round_id, rating).status_code == 302
    assert (
        client.post(f"/assessments/rounds/{round_id}/publish", data={"summary": "We agreed."}).status_code
        == 302
    )
    client.post("/auth/logout")
    return round_id


def test_a_facilitator_runs_a_round_with_three_members_who_agree_and_publish(app, client, sign_in, team):
    sign_in("lead")
    round_id = open_round(client)
    assert client.get(f"/assessments/rounds/{round_id}/consensus").status_code == 403  # not closed yet
    client.post("/auth/logout")
    for member, value in (("zuleika", "2"), ("yannick", "4"), ("xiomara", "5")):
        sign_in(member)
        assert "Start rating" in client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)
        take_part(client, round_id, value)
        client.post("/auth/logout")

    sign_in("lead")
    page = client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)
    assert "3 of 4 members submitted" in page
    client.post(f"/assessments/rounds/{round_id}/close")
    spread = client.get(f"/assessments/rounds/{round_id}/consensus").get_data(as_text=True)
    assert "<td>2</td><td>4</td><td>5</td><td>3</td><td>0</td>" in spread, spread[spread.find("<tbody>") :][
        :800
    ]
    for name in ("zuleika", "yannick", "xiomara"):
        assert name not in spread  # answers never shown with names

    refused = client.post(
        f"/assessments/rounds/{round_id}/publish", data={"summary": ""}, follow_redirects=True
    )
    assert "Agree a consensus on every statement" in refused.get_data(as_text=True)
    client.post("/auth/logout")
    sign_in("zuleika")  # any member of the team records the consensus
    assert agree_all(client, round_id, "3").status_code == 302
    assert client.post(f"/assessments/rounds/{round_id}/publish").status_code == 403
    client.post("/auth/logout")
    sign_in("lead")
    client.post(f"/assessments/rounds/{round_id}/publish", data={"summary": "We agreed."})
    client.post("/auth/logout")

    public = client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)
    assert "Published" in public and "We agreed." in public and public.count("<svg") == 2
    assert '<th scope="row">Vision and leadership</th><td>3.00</td>' in public
    exported = client.get(f"/assessments/rounds/{round_id}/result.json").get_json()
    assert exported["team"] == "Saint Lucia country team" and exported["dimensions"][0]["score"] == 3.0
    assert exported["licence"]["name"] == "CC BY 4.0"
    csv = client.get(f"/assessments/rounds/{round_id}/result.csv").get_data(as_text=True)
    assert csv.splitlines()[1].startswith("Saint Lucia country team,LC,digital-government,1.0,vision,")


def test_the_spread_lists_the_widest_disagreement_first(app, client, sign_in, team):
    sign_in("lead")
    round_id = open_round(client)
    client.post("/auth/logout")
    for member, low in (("zuleika", "1"), ("yannick", "3")):
        sign_in(member)
        response = client.post(f"/assessments/rounds/{round_id}/take-part")
        assessment_id = int(response.headers["Location"].split("/")[2])
        rate_everything(client, assessment_id, {6: [low, "3", "3", "3"]})
        client.post("/auth/logout")
    sign_in("lead")
    client.post(f"/assessments/rounds/{round_id}/close")
    spread = client.get(f"/assessments/rounds/{round_id}/consensus").get_data(as_text=True)
    first_row = spread.split("<tbody>")[1].split("</tr>")[0]
    assert DIMENSIONS[5]["statements"][0]["text"]["en"] in first_row
    assert "<td>1</td><td>2</td><td>3</td><td>2</td>" in first_row


def test_outsiders_neither_see_nor_post_to_a_round(app, client, sign_in, team):
    sign_in("lead")
    round_id = open_round(client)
    client.post("/auth/logout")
    sign_in("outsider")
    assert client.get(f"/assessments/rounds/{round_id}").status_code == 404
    assert client.post(f"/assessments/rounds/{round_id}/take-part").status_code == 404
    assert client.post(f"/assessments/rounds/{round_id}/close").status_code == 404
    client.post("/auth/logout")
    sign_in("zuleika")
    assert client.post(f"/assessments/rounds/{round_id}/close").status_code == 403
    assert (
        client.post(f"/assessments/rounds/{round_id}/invite", data={"invitees": "outsider"}).status_code
        == 403
    )


def test_answers_after_the_close_are_refused_and_nothing_is_stored(app, client, sign_in, team):
    sign_in("lead")
    round_id = open_round(client)
    client.post("/auth/logout")
    sign_in("zuleika")
    response = client.post(f"/assessments/rounds/{round_id}/take-part")
    assessment_id = int(response.headers["Location"].split("/")[2])
    client.post("/auth/logout")
    sign_in("lead")
    client.post(f"/assessments/rounds/{round_id}/close")
    client.post("/auth/logout")
    sign_in("zuleika")
    late = client.post(f"/assessments/{assessment_id}/dimensions/1", data=page_data(["4", "4", "4", "4"]))
    assert late.status_code == 403
    assert client.post(f"/assessments/rounds/{round_id}/take-part").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_opening_a_round_refuses_unknown_invitees_and_past_dates(app, client, sign_in, team):
    sign_in("lead")
    data = {
        "team_name": "Team",
        "team_kind": "ministry",
        "country": "JM",
        "closes_on": tomorrow(),
        "invitees": "zuleika, nobody@nowhere.example",
    }
    response = client.post("/assessments/rounds/new", data=data)
    assert response.status_code == 400 and "nobody@nowhere.example" in response.get_data(as_text=True)
    data.update(invitees="zuleika", closes_on=utcnow().date().isoformat())
    assert "must be in the future" in client.post("/assessments/rounds/new", data=data).get_data(as_text=True)
    data.update(closes_on=tomorrow(), team_kind="club")
    assert client.post("/assessments/rounds/new", data=data).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(Round.id))) == 0


def test_the_region_appears_once_three_teams_from_three_countries_published(app, client, sign_in, team):
    run_round(client, sign_in, "Saint Lucia team", "LC", rating="2")
    second = run_round(client, sign_in, "Jamaica team", "JM", rating="3")
    assert "at least 3 teams" in client.get("/assessments/region").get_data(as_text=True)
    assert client.get("/assessments/region.json").status_code == 404
    run_round(client, sign_in, "Another Saint Lucia team", "LC", rating="4")
    assert "at least 3 teams" in client.get("/assessments/region").get_data(
        as_text=True
    )  # two countries only
    run_round(client, sign_in, "Barbados team", "BB", rating="5")

    page = client.get("/assessments/region").get_data(as_text=True)
    assert "4 teams from 3 countries" in page and "<svg" in page
    assert '<th scope="row">Vision and leadership</th><td>4</td><td>2.00</td>' in page
    aggregate = client.get("/assessments/region.json").get_json()
    assert aggregate["teams"] == 4 and aggregate["dimensions"][0]["median"] == 3.5
    assert client.get("/assessments/region.csv").get_data(as_text=True).startswith("dimension,name,teams")

    assert "Jamaica team" not in client.get(f"/assessments/region?team={second}").get_data(as_text=True)
    sign_in("zuleika")
    own = client.get(f"/assessments/region?team={second}").get_data(as_text=True)
    assert "Diamond: Jamaica team." in own and "<td>3.00</td></tr>" in own


def test_a_repeated_round_compares_with_the_previous_one(app, client, sign_in, team):
    first = run_round(client, sign_in, rating="2")
    sign_in("lead")
    response = client.post(
        f"/assessments/rounds/{first}/repeat", data={"closes_on": tomorrow(), "invitees": ""}
    )
    second = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post("/auth/logout")
    sign_in("zuleika")
    take_part(client, second, "4")
    client.post("/auth/logout")
    sign_in("lead")
    client.post(f"/assessments/rounds/{second}/close")
    agree_all(client, second, "4")
    client.post(f"/assessments/rounds/{second}/publish")
    page = client.get(f"/assessments/rounds/{second}").get_data(as_text=True)
    assert "Change since the previous round" in page
    assert '<th scope="row">Vision and leadership</th><td>2.00</td><td>4.00</td><td>+2.00</td>' in page


def test_weak_dimensions_point_to_tagged_initiatives_and_the_team_keeps_an_action_plan(
    app, client, sign_in, team
):
    with app.app_context():
        initiative = make_initiative(title="Digital skills academy")
        author, initiative_id = initiative.author.username, initiative.id
    sign_in(author)
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "Choose the capability dimensions" in page
    client.post(f"/assessments/initiatives/{initiative_id}/dimensions", data={"dimensions": ["people"]})
    assert "Capability dimensions: People and skills" in client.get(f"/initiatives/{initiative_id}").get_data(
        as_text=True
    )
    assert (
        client.post(
            f"/assessments/initiatives/{initiative_id}/dimensions", data={"dimensions": ["x"]}
        ).status_code
        == 400
    )
    client.post("/auth/logout")
    sign_in("outsider")
    assert client.get(f"/assessments/initiatives/{initiative_id}/dimensions").status_code == 403
    client.post("/auth/logout")

    round_id = run_round(client, sign_in)
    sign_in("lead")
    consensus = {"save": "1"}
    for index in range(1, STATEMENTS + 1):
        consensus[f"rating_{index}"] = "3"
    page = client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)
    sign_in("zuleika")
    added = client.post(
        f"/assessments/rounds/{round_id}/actions",
        data={"text": "Train managers", "owner": "HR unit", "due_on": "2027-03-31"},
    )
    assert added.status_code == 302
    page = client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)
    assert "Train managers" in page and "HR unit" in page
    client.post("/auth/logout")
    sign_in("outsider")
    assert client.post(f"/assessments/rounds/{round_id}/actions", data={"text": "Spam"}).status_code == 403


def test_a_published_result_is_found_by_search_flagged_and_hidden_by_moderators(app, client, sign_in, team):
    from community.auth.models import Role

    with app.app_context():
        make_user(username="keeper", role=Role.MODERATOR)
    round_id = run_round(client, sign_in, "Grenada digital team", "GD")
    page = client.get("/search?q=grenada&kind=team-result").get_data(as_text=True)
    assert f'href="/assessments/rounds/{round_id}"' in page

    sign_in("outsider")
    flagged = client.post(
        f"/moderation/flag/team-result/{round_id}", data={"reason": "spam", "text": "Not real"}
    )
    assert flagged.status_code == 302
    client.post("/auth/logout")
    sign_in("keeper")
    queue = client.get("/moderation/")
    assert queue.status_code == 200 and "Grenada digital team" in queue.get_data(as_text=True)
    hidden = client.post(f"/moderation/team-result/{round_id}/hide", data={"reason": "Not a real team"})
    assert hidden.status_code == 302
    client.post("/auth/logout")
    assert client.get(f"/assessments/rounds/{round_id}").status_code == 404
    assert client.get(f"/assessments/rounds/{round_id}/result.json").status_code == 404
    assert f"/assessments/rounds/{round_id}" not in client.get("/search?q=grenada&kind=team-result").get_data(
        as_text=True
    )
    sign_in("lead")  # the facilitator still sees it, marked
    assert "Hidden by moderators" in client.get(f"/assessments/rounds/{round_id}").get_data(as_text=True)


def test_the_assessment_lists_load_in_a_fixed_number_of_queries(app, client, sign_in, team, count_queries):
    for number, country in enumerate(("LC", "JM", "BB")):
        run_round(client, sign_in, f"Team {number}", country)
    sign_in("lead")
    with count_queries() as few:
        assert client.get("/assessments/").status_code == 200
    with count_queries() as region:
        assert client.get("/assessments/region").status_code == 200
    for number, country in enumerate(("TT", "GY", "DM")):
        run_round(client, sign_in, f"More {number}", country)
    sign_in("lead")
    with count_queries() as many:
        assert client.get("/assessments/").status_code == 200
    with count_queries() as more_region:
        assert client.get("/assessments/region").status_code == 200
    assert many.count == few.count and more_region.count == region.count
