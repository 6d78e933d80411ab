"""Steps of the capability assessment, taken through HTTP as a member would."""

import re

from community.assessments import framework as framework_file

SHIPPED = framework_file.read(framework_file.SHIPPED)
DIMENSIONS = SHIPPED["dimensions"]


def page_data(ratings: list, button: str = "next") -> dict:
    """A rating page's fields: ``ratings`` per statement ("1".."5", "dk", or None to leave it open)."""
    data = {button: "1"}
    for index, rating in enumerate(ratings, start=1):
        if rating is not None:
            data[f"rating_{index}"] = rating
        data[f"note_{index}"] = ""
    return data


def start(client, organization: str = "Ministry of Digital Affairs") -> int:
    response = client.post("/assessments/new", data={"organization": organization})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/assessments/(\d+)/dimensions/1", response.headers["Location"]).group(1))


def rate_everything(
    client, assessment_id: int, per_dimension: dict | None = None, default: str = "3"
) -> None:
    """Answer every page (``per_dimension`` maps a step to its ratings), then submit."""
    for step, dimension in enumerate(DIMENSIONS, start=1):
        ratings = (per_dimension or {}).get(step) or [default] * len(dimension["statements"])
        response = client.post(f"/assessments/{assessment_id}/dimensions/{step}", data=page_data(ratings))
        assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(f"/assessments/{assessment_id}/submit")
    assert response.status_code == 302
