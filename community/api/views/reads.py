"""Read endpoints: initiatives with their comments, labs, public member profiles."""

from __future__ import annotations

from flask_login import current_user

from community.api import queries
from community.api import schemas as s
from community.api.problems import ApiProblem
from community.api.spec import endpoint, last_change


def _missing(what: str) -> ApiProblem:
    return ApiProblem("not-found", f"No such {what}, or not one you may see.")


@endpoint(
    "/v1/initiatives",
    summary="List initiatives, oldest first, with the site's filters",
    tag="initiatives",
    query=s.InitiativeQuery,
    response=s.InitiativePage,
)
def list_initiatives(query: s.InitiativeQuery):
    rows, cursor = queries.initiatives(query, current_user)
    names = queries.display_names([row.author for row in rows])
    items = [queries.initiative_out(row, names) for row in rows]
    return s.InitiativePage(items=items, next_cursor=cursor), last_change(*(i.updated_at for i in items))


@endpoint(
    "/v1/initiatives/<int:initiative_id>",
    summary="One initiative with its comments",
    tag="initiatives",
    response=s.InitiativeDetail,
)
def get_initiative(initiative_id: int):
    found = queries.initiative(initiative_id, current_user)
    if found is None:
        raise _missing("initiative")
    detail = queries.initiative_detail(found, current_user)
    return detail, detail.updated_at


@endpoint("/v1/labs", summary="List the innovation labs", tag="labs", query=s.ListQuery, response=s.LabPage)
def list_labs(query: s.ListQuery):
    rows, cursor = queries.labs(query)
    items = [queries.lab_out(row) for row in rows]
    return s.LabPage(items=items, next_cursor=cursor), last_change(*(i.updated_at for i in items))


@endpoint("/v1/labs/<slug>", summary="One innovation lab", tag="labs", response=s.LabOut)
def get_lab(slug: str):
    found = queries.lab(slug)
    if found is None:
        raise _missing("lab")
    return queries.lab_out(found), found.latest_activity_at


@endpoint(
    "/v1/members",
    summary="List members' public profiles (what a visitor may read)",
    tag="members",
    query=s.MemberQuery,
    response=s.MemberPage,
)
def list_members(query: s.MemberQuery):
    rows, cursor = queries.members(query)
    return s.MemberPage(items=[queries.member_out(row) for row in rows], next_cursor=cursor)


@endpoint(
    "/v1/members/<username>", summary="One member's public profile", tag="members", response=s.MemberOut
)
def get_member(username: str):
    found = queries.member(username)
    if found is None:
        raise _missing("member")
    return queries.member_out(found), found.updated_at
