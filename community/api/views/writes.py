"""Write endpoints: a token with the write scope acts as its member, under the site's own rules."""

from __future__ import annotations

from flask_login import current_user

from community import permissions
from community.api import queries
from community.api import schemas as s
from community.api.models import Scope
from community.api.problems import ApiProblem
from community.api.spec import endpoint
from community.errors import ServiceError
from community.extensions import db
from community.forum import services as forum
from community.forum.forms import InitiativeData
from community.forum.models import Comment, Initiative
from community.forum.queries import category_by_slug


def _rejected(error: ServiceError) -> ApiProblem:
    errors = [{"field": error.field, "message": str(error.message)}] if error.field else None
    return ApiProblem("rejected", str(error.message), errors)


def _data(values: dict) -> InitiativeData:
    category = category_by_slug(values.pop("category"))
    if category is None:
        raise ApiProblem(
            "rejected", "Choose one of the forum's categories.", [{"field": "category", "message": "unknown"}]
        )
    return InitiativeData(category_id=category.id, **values)


def _editable(initiative_id: int) -> Initiative:
    found = queries.initiative(initiative_id, current_user)
    if found is None:
        raise ApiProblem("not-found", "No such initiative, or not one you may see.")
    return found


@endpoint(
    "/v1/initiatives",
    "POST",
    summary="Share an initiative as the token's member",
    tag="initiatives",
    body=s.InitiativeIn,
    response=s.InitiativeDetail,
    scope=Scope.WRITE,
    status=201,
)
def create_initiative(body: s.InitiativeIn):
    try:
        created = forum.create_initiative(current_user, _data(body.model_dump()))
    except ServiceError as error:
        raise _rejected(error) from None
    return queries.initiative_detail(created, current_user)


@endpoint(
    "/v1/initiatives/<int:initiative_id>",
    "PATCH",
    summary="Change an initiative (its author or a moderator); only the fields sent change",
    tag="initiatives",
    body=s.InitiativePatch,
    response=s.InitiativeDetail,
    scope=Scope.WRITE,
)
def edit_initiative(initiative_id: int, body: s.InitiativePatch):
    initiative = _editable(initiative_id)
    if not permissions.can_edit_initiative(current_user, initiative):
        raise ApiProblem("forbidden", "You may not edit this initiative.")
    values = _current_values(initiative) | body.model_dump(exclude_unset=True)
    try:
        forum.update_initiative(initiative, current_user, _data(values))
    except ServiceError as error:
        db.session.rollback()
        raise _rejected(error) from None
    return queries.initiative_detail(initiative, current_user)


def _current_values(initiative: Initiative) -> dict:
    return {
        "title": initiative.title,
        "summary": initiative.summary,
        "body": initiative.body,
        "category": initiative.category.slug,
        "country": initiative.country,
        "sector": initiative.sector,
        "stage": initiative.stage,
        "language": initiative.language,
        "licence": initiative.licence,
        "outcomes": initiative.outcomes,
        "lab": initiative.lab.slug if initiative.lab else None,
        "sdgs": initiative.sdgs,
        "tags": [tag.name for tag in initiative.tags],
        "links": initiative.link_list,
    }


@endpoint(
    "/v1/initiatives/<int:initiative_id>/comments",
    "POST",
    summary="Comment on an initiative, or reply to one of its comments",
    tag="initiatives",
    body=s.CommentIn,
    response=s.CommentOut,
    scope=Scope.WRITE,
    status=201,
)
def create_comment(initiative_id: int, body: s.CommentIn):
    initiative = _editable(initiative_id)
    if not permissions.can_comment(current_user, initiative):
        raise ApiProblem("forbidden", "This initiative takes no new comments from you.")
    parent = db.session.get(Comment, body.parent_id) if body.parent_id else None
    if body.parent_id and (parent is None or parent.initiative_id != initiative.id):
        raise ApiProblem(
            "rejected",
            "Reply to a comment of this initiative.",
            [{"field": "parent_id", "message": "unknown"}],
        )
    try:
        comment = forum.add_comment(current_user, initiative, body.body, body.language, parent)
    except ServiceError as error:
        raise _rejected(error) from None
    return queries.comment_out(comment, queries.display_names([comment.author]))
