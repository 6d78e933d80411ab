"""The one place that says who may do what. Rules are pure: no writes, no request."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort
from flask_login import AnonymousUserMixin, current_user

from community.auth.models import AccountState, Role
from community.extensions import login_manager
from community.utils import utcnow


class Visitor(AnonymousUserMixin):
    """Someone not signed in, with the attributes the rules read."""

    id = None
    role = None
    state = None
    confirmed_at = None
    approved_at = None
    suspended_until = None
    locale = None
    timezone = None
    username = None

    @property
    def is_confirmed(self) -> bool:
        return False


def is_member(user) -> bool:
    return bool(user.is_authenticated)


def is_moderator(user) -> bool:
    return user.is_authenticated and user.role in (Role.MODERATOR, Role.ADMIN)


def is_admin(user) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def is_suspended(user) -> bool:
    if not user.is_authenticated or user.state != AccountState.SUSPENDED:
        return False
    return user.suspended_until is None or user.suspended_until > utcnow()


def is_pending(user) -> bool:
    """A new account waiting for a moderator's approval (vetted membership): it signs in and waits."""
    return bool(user.is_authenticated) and user.approved_at is None


def can_sign_in(user) -> bool:
    return user.state != AccountState.BANNED


def can_post(user) -> bool:
    """Confirmed, approved, active members write; the others read."""
    return (
        user.is_authenticated
        and user.confirmed_at is not None
        and user.approved_at is not None
        and user.state != AccountState.BANNED
        and not is_suspended(user)
    )


def can_act_on_member(actor, member) -> bool:
    """Moderators act on members; nobody but an admin acts on an admin, and never on oneself."""
    if not is_moderator(actor) or actor.id == member.id:
        return False
    return member.role != Role.ADMIN


def can_change_role(actor, member) -> bool:
    return is_admin(actor) and actor.id != member.id


def is_listed(member) -> bool:
    """Shown in the directory and to other members: confirmed, approved and not banned."""
    return member.is_listed


def can_view_member(viewer, member) -> bool:
    return is_listed(member) or viewer.id == member.id or is_moderator(viewer)


def can_see_full_profile(viewer, profile) -> bool:
    """Members see whole profiles; visitors only those their owner opened to everyone."""
    # Compared by value: importing the profiles feature here would make an import cycle.
    return is_member(viewer) or profile.visitor_view == "full"


def can_see_email(viewer, profile) -> bool:
    if viewer.id is not None and viewer.id == profile.user_id:
        return True
    return is_member(viewer) and profile.email_visibility == "members"


def can_edit_profile(user, profile) -> bool:
    return user.is_authenticated and user.id == profile.user_id


# Labs. ``membership`` is the user's LabMembership in that lab, or None: the view loads it.


def can_view_lab(user, lab) -> bool:
    """Active and archived labs are public; a proposal is seen by its proposer and moderators."""
    if not lab.is_proposed:
        return True
    return is_moderator(user) or (user.is_authenticated and user.id == lab.proposed_by_id)


def is_lab_lead(user, membership) -> bool:
    return user.is_authenticated and membership is not None and membership.is_lead


def can_manage_lab(user, lab, membership) -> bool:
    """Leads of an active lab edit it, curate resources and events, and answer join requests;
    moderators and admins can do all of that in any lab."""
    if not can_post(user):
        return False
    return is_moderator(user) or (lab.is_active and is_lab_lead(user, membership))


def can_join_lab(user, lab, membership) -> bool:
    return can_post(user) and lab.is_active and membership is None


def can_leave_lab(user, lab, membership) -> bool:
    """Members leave, and those who asked withdraw; the last lead is refused by the service."""
    return user.is_authenticated and membership is not None


def can_propose_lab(user) -> bool:
    return can_post(user)


def can_review_lab_proposals(user) -> bool:
    return can_post(user) and is_moderator(user)


def can_change_lab_status(user, lab) -> bool:
    """Moderators archive an active lab and reopen an archived one."""
    return can_post(user) and is_moderator(user) and not lab.is_proposed


def is_author(user, content) -> bool:
    """The signed-in member wrote this initiative or comment (a former member's posts have no author)."""
    return user.is_authenticated and content.author_id is not None and content.author_id == user.id


def can_view_initiative(user, initiative) -> bool:
    """Hidden initiatives are seen only by moderators and their author."""
    return not initiative.is_hidden or is_moderator(user) or is_author(user, initiative)


def can_view_comment(user, comment) -> bool:
    return not comment.is_hidden or is_moderator(user) or is_author(user, comment)


def can_create_initiative(user) -> bool:
    return can_post(user)


def can_post_in_lab(user, lab, membership) -> bool:
    """Active members of an active lab post initiatives in it; moderators post in any active lab."""
    if not can_create_initiative(user) or not lab.is_active:
        return False
    return is_moderator(user) or (membership is not None and membership.is_active)


def can_edit_initiative(user, initiative) -> bool:
    return (
        can_post(user)
        and can_view_initiative(user, initiative)
        and (is_author(user, initiative) or is_moderator(user))
    )


def can_comment(user, initiative) -> bool:
    """Members comment on visible initiatives that are not locked."""
    return can_post(user) and not initiative.is_hidden and not initiative.is_locked


def can_edit_comment(user, comment) -> bool:
    """Authors edit their own comments while the thread is open."""
    return (
        can_post(user)
        and is_author(user, comment)
        and not comment.is_deleted
        and not comment.is_hidden
        and not comment.initiative.is_locked
    )


def can_delete_comment(user, comment) -> bool:
    return can_post(user) and is_author(user, comment) and not comment.is_deleted


def can_react(user, content) -> bool:
    """Members mark others' posts useful, not their own."""
    return (
        can_post(user)
        and not content.is_hidden
        and getattr(content, "deleted_at", None) is None
        and not is_author(user, content)
    )


def can_follow(user, initiative) -> bool:
    return user.is_authenticated and can_view_initiative(user, initiative)


def can_view_history(user, content) -> bool:
    """The edit history is shown to the author and to moderators."""
    return is_author(user, content) or is_moderator(user)


def can_flag(user, target) -> bool:
    """Signed-in members report content, profiles and labs, but not their own."""
    if not user.is_authenticated or user.confirmed_at is None or user.state == AccountState.BANNED:
        return False
    if target is None or is_pending(user):
        return False
    owner_id = getattr(target, "author_id", getattr(target, "proposed_by_id", None))
    if hasattr(target, "username_key"):  # a member
        owner_id = target.id
    return owner_id is None or owner_id != user.id


def can_moderate_content(user, owner) -> bool:
    """Moderators act on anyone's content but an admin's; admins on all of it."""
    if not is_moderator(user):
        return False
    return owner is None or owner.role != Role.ADMIN or is_admin(user)


def can_manage_categories(user) -> bool:
    """Moderators and admins keep the forum's list of categories."""
    return is_moderator(user) and not is_suspended(user)


# Private messages and a member's home.


def can_message_member(user, member) -> bool:
    """Members who may post write to listed members other than themselves (blocks and settings: services)."""
    return can_post(user) and member is not None and member.is_listed and member.id != user.id


def can_view_conversation(user, participant, flagged: bool = False) -> bool:
    """Its participants read a conversation; moderators read one only once a message in it is flagged."""
    return (user.is_authenticated and participant is not None) or (flagged and is_moderator(user))


def can_watch(user) -> bool:
    """Signed-in, confirmed members watch labs, categories, tags and countries, bookmark and keep drafts."""
    return user.is_authenticated and user.confirmed_at is not None and user.state != AccountState.BANNED


def ensure(allowed: bool) -> None:
    """Stop the request with 403 unless the rule allowed it."""
    if not allowed:
        abort(403)


def _role_required(rule):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            ensure(rule(current_user))
            return view(*args, **kwargs)

        return wrapped

    return decorator


moderator_required = _role_required(is_moderator)
admin_required = _role_required(is_admin)
poster_required = _role_required(can_post)

RULES = (
    can_manage_categories,
    is_member,
    is_moderator,
    is_admin,
    is_suspended,
    is_pending,
    can_post,
    can_act_on_member,
    can_change_role,
    is_listed,
    can_view_member,
    can_see_full_profile,
    can_see_email,
    can_edit_profile,
    can_view_lab,
    is_lab_lead,
    can_manage_lab,
    can_join_lab,
    can_leave_lab,
    can_propose_lab,
    can_review_lab_proposals,
    can_change_lab_status,
    is_author,
    can_view_initiative,
    can_view_comment,
    can_create_initiative,
    can_post_in_lab,
    can_edit_initiative,
    can_comment,
    can_edit_comment,
    can_delete_comment,
    can_react,
    can_follow,
    can_view_history,
    can_flag,
    can_moderate_content,
    can_message_member,
    can_view_conversation,
    can_watch,
)


def init_app(app: Flask) -> None:
    """Let templates ask the same rules the views ask."""
    login_manager.anonymous_user = Visitor
    app.jinja_env.globals.update({rule.__name__: rule for rule in RULES})
