"""The one place that says who may do what. Rules are pure: no writes, no request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from flask import Flask, abort
from flask_login import AnonymousUserMixin, current_user

from community.auth.models import AccountState, Role, User
from community.extensions import login_manager
from community.utils import utcnow

if TYPE_CHECKING:
    from community.assessments.models import Assessment, Participant, Round
    from community.events.models import Event, Registration
    from community.forum.models import Comment, Initiative
    from community.funding.models import Call, Offer, PartnerOrganisation
    from community.labs.models import Lab, LabMembership
    from community.profiles.models import Profile


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


# Whom a rule asks about: a signed-in account, or a visitor (current_user as it is).
Account = User | Visitor


def is_member(user: Account) -> bool:
    """A confirmed, approved, active account: what every rule that says "member" means.

    Signing in is not enough: an unconfirmed address or an account awaiting approval
    (vetted membership) sees what visitors see until it is both."""
    return (
        bool(user.is_authenticated)
        and user.confirmed_at is not None
        and user.approved_at is not None
        and user.state == AccountState.ACTIVE
    )


def is_moderator(user: Account) -> bool:
    return user.is_authenticated and user.role in (Role.MODERATOR, Role.ADMIN)


def is_admin(user: Account) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def is_suspended(user: Account) -> bool:
    if not user.is_authenticated or user.state != AccountState.SUSPENDED:
        return False
    return user.suspended_until is None or user.suspended_until > utcnow()


def is_pending(user: Account) -> bool:
    """A new account waiting for a moderator's approval (vetted membership): it signs in and waits."""
    return bool(user.is_authenticated) and user.approved_at is None


def can_sign_in(user: Account) -> bool:
    return user.state != AccountState.BANNED


def can_post(user: Account) -> bool:
    """Confirmed, approved, active members write; the others read."""
    return (
        user.is_authenticated
        and user.confirmed_at is not None
        and user.approved_at is not None
        and user.state != AccountState.BANNED
        and not is_suspended(user)
    )


def can_act_on_member(actor: Account, member: User) -> bool:
    """Moderators act on members; nobody but an admin acts on an admin, and never on oneself."""
    if not is_moderator(actor) or actor.id == member.id:
        return False
    return member.role != Role.ADMIN


def can_change_role(actor: Account, member: User) -> bool:
    """Admins make members moderators and back; an admin's own role is not changed here."""
    return is_admin(actor) and actor.id != member.id and member.role != Role.ADMIN


# What a moderator may do to an account, by its standing (the member page shows only these).
_SANCTIONS_BY_STATE = {
    "warn": lambda state: True,
    "suspend": lambda state: state == AccountState.ACTIVE,
    "ban": lambda state: state != AccountState.BANNED,
    "lift": lambda state: state != AccountState.ACTIVE,
}


def can_sanction_member(actor: Account, member: User, action: str) -> bool:
    """``action`` is warn, suspend, ban or lift: allowed when the moderator may act on the member at all
    and it fits the account's standing (no suspending a banned account, no lifting an active one)."""
    fits = _SANCTIONS_BY_STATE.get(action)
    return fits is not None and can_act_on_member(actor, member) and fits(member.state)


def can_purge_member(actor: Account, member: User) -> bool:
    """Admins erase spam accounts: only a member's (never a moderator's or an admin's)."""
    return can_change_role(actor, member) and member.role == Role.MEMBER


def is_listed(member: User) -> bool:
    """Shown in the directory and to other members: confirmed, approved and not banned."""
    return member.is_listed


def can_view_member(viewer: Account, member: User) -> bool:
    return is_listed(member) or viewer.id == member.id or is_moderator(viewer)


def can_see_full_profile(viewer: Account, profile: Profile) -> bool:
    """Members see whole profiles; visitors only those their owner opened to everyone."""
    # Compared by value: importing the profiles feature here would make an import cycle.
    return is_member(viewer) or profile.visitor_view == "full"


def can_see_email(viewer: Account, profile: Profile) -> bool:
    if viewer.id is not None and viewer.id == profile.user_id:
        return True
    return is_member(viewer) and profile.email_visibility == "members"


def can_edit_profile(user: Account, profile: Profile) -> bool:
    return user.is_authenticated and user.id == profile.user_id


# Labs. ``membership`` is the user's LabMembership in that lab, or None: the view loads it.


def can_view_lab(user: Account, lab: Lab) -> bool:
    """Active and archived labs are public; a proposal is seen by its proposer and moderators."""
    if not lab.is_proposed:
        return True
    return is_moderator(user) or (user.is_authenticated and user.id == lab.proposed_by_id)


def is_lab_lead(user: Account, membership: LabMembership | None) -> bool:
    return user.is_authenticated and membership is not None and membership.is_lead


def can_manage_lab(user: Account, lab: Lab, membership: LabMembership | None) -> bool:
    """Leads of an active lab edit it, curate resources and events, and answer join requests;
    moderators and admins can do all of that in any lab."""
    if not can_post(user):
        return False
    return is_moderator(user) or (lab.is_active and is_lab_lead(user, membership))


def can_join_lab(user: Account, lab: Lab, membership: LabMembership | None) -> bool:
    return can_post(user) and lab.is_active and membership is None


def can_leave_lab(user: Account, lab: Lab, membership: LabMembership | None) -> bool:
    """Members leave, and those who asked withdraw; the last lead is refused by the service."""
    return user.is_authenticated and membership is not None


def can_propose_lab(user: Account) -> bool:
    return can_post(user)


def can_review_lab_proposals(user: Account) -> bool:
    return can_post(user) and is_moderator(user)


def can_change_lab_status(user: Account, lab: Lab) -> bool:
    """Moderators archive an active lab and reopen an archived one."""
    return can_post(user) and is_moderator(user) and not lab.is_proposed


def is_author(user: Account, content: Initiative | Comment) -> bool:
    """The signed-in member wrote this initiative or comment (a former member's posts have no author)."""
    return user.is_authenticated and content.author_id is not None and content.author_id == user.id


def can_view_initiative(user: Account, initiative: Initiative) -> bool:
    """Hidden initiatives are seen only by moderators and their author."""
    return not initiative.is_hidden or is_moderator(user) or is_author(user, initiative)


def can_view_comment(user: Account, comment: Comment) -> bool:
    return not comment.is_hidden or is_moderator(user) or is_author(user, comment)


def is_seen_by_everyone(content: Initiative | Comment) -> bool:
    """Neither the post nor (for a comment) its initiative is hidden or held: it may notify others."""
    initiative = getattr(content, "initiative", None)
    if initiative is not None and initiative.is_hidden:
        return False
    return not content.is_hidden and getattr(content, "deleted_at", None) is None


def can_create_initiative(user: Account) -> bool:
    return can_post(user)


def can_post_in_lab(user: Account, lab: Lab, membership: LabMembership | None) -> bool:
    """Active members of an active lab post initiatives in it; moderators post in any active lab."""
    if not can_create_initiative(user) or not lab.is_active:
        return False
    return is_moderator(user) or (membership is not None and membership.is_active)


def can_edit_initiative(user: Account, initiative: Initiative) -> bool:
    return (
        can_post(user)
        and can_view_initiative(user, initiative)
        and (is_author(user, initiative) or is_moderator(user))
    )


def can_comment(user: Account, initiative: Initiative) -> bool:
    """Members comment on visible initiatives that are not locked."""
    return can_post(user) and not initiative.is_hidden and not initiative.is_locked


def can_edit_comment(user: Account, comment: Comment) -> bool:
    """Authors edit their own comments while the thread is open."""
    return (
        can_post(user)
        and is_author(user, comment)
        and not comment.is_deleted
        and not comment.is_hidden
        and not comment.initiative.is_locked
    )


def can_delete_comment(user: Account, comment: Comment) -> bool:
    return can_post(user) and is_author(user, comment) and not comment.is_deleted


def can_react(user: Account, content: Initiative | Comment) -> bool:
    """Members mark others' posts useful, not their own."""
    return (
        can_post(user)
        and not content.is_hidden
        and getattr(content, "deleted_at", None) is None
        and not is_author(user, content)
    )


def can_follow(user: Account, initiative: Initiative) -> bool:
    return user.is_authenticated and can_view_initiative(user, initiative)


def can_view_history(user: Account, content: Initiative | Comment) -> bool:
    """The edit history is shown to the author and to moderators."""
    return is_author(user, content) or is_moderator(user)


def can_flag(user: Account, target: object) -> bool:
    """Signed-in members report content, profiles and labs, but not their own."""
    if not user.is_authenticated or user.confirmed_at is None or user.state == AccountState.BANNED:
        return False
    if target is None or is_pending(user):
        return False
    owner_id: int | None
    if isinstance(target, User):  # a member
        owner_id = target.id
    else:  # content has an author, a lab its proposer
        owner_id = getattr(target, "author_id", getattr(target, "proposed_by_id", None))
    return owner_id is None or owner_id != user.id


def can_moderate_content(user: Account, owner: User | None) -> bool:
    """Moderators act on anyone's content but an admin's; admins on all of it."""
    if not is_moderator(user):
        return False
    return owner is None or owner.role != Role.ADMIN or is_admin(user)


def can_manage_categories(user: Account) -> bool:
    """Moderators and admins keep the forum's list of categories."""
    return is_moderator(user) and not is_suspended(user)


# The API. A token acts as its member: every other rule applies to it unchanged.


def can_create_api_token(user: Account) -> bool:
    """Confirmed members who may sign in make personal access tokens."""
    return bool(user.is_authenticated) and user.confirmed_at is not None and can_sign_in(user)


def can_use_api_token(user: User) -> bool:
    """A token stops working the moment its member is banned (a deleted member's tokens are gone)."""
    return user.confirmed_at is not None and can_sign_in(user)


# Learning events. ``membership`` is the user's LabMembership in the event's lab (None for the network's).


def can_organise_events(user: Account, lab: Lab | None, membership: LabMembership | None) -> bool:
    """Moderators organise the network's events (and any lab's); a lab's leads organise the lab's."""
    if lab is None:
        return can_post(user) and is_moderator(user)
    return can_manage_lab(user, lab, membership)


def can_view_event(user: Account, event: Event) -> bool:
    """Hidden events are seen only by moderators and their author."""
    return not event.is_hidden or is_moderator(user) or is_author(user, event)


def can_register_for_event(user: Account, event: Event) -> bool:
    """Members who may write register; the service checks the deadline and the places."""
    return can_post(user) and not event.is_hidden


def can_see_event_link(user: Account, registration: Registration | None, organiser: bool) -> bool:
    """The online link is for registered members (not those still waiting) and the organisers."""
    return organiser or (user.is_authenticated and registration is not None and registration.is_registered)


def can_evaluate_event(user: Account, event: Event, registration: Registration | None) -> bool:
    """Attendees evaluate a session, or every registered member when attendance was not taken."""
    if not can_post(user) or registration is None or not registration.is_registered:
        return False
    return registration.attended or not event.attendance_taken


# The network in numbers (community/network).


def can_see_contributions(viewer: Account, member: User) -> bool:
    """A member's contributions chart is theirs to read, on their own profile page."""
    return viewer.is_authenticated and viewer.id == member.id


# Capability assessments. ``participant`` is the user's Participant row in that round, or None:
# the view loads it. A round is open until its closing date (or until the facilitator closes it).


def _today() -> date:
    return utcnow().date()


def can_take_assessment(user: Account) -> bool:
    return can_post(user)


def can_view_assessment(user: Account, assessment: Assessment) -> bool:
    """Private to its author; a submitted self-assessment its author shared is seen by members."""
    if user.is_authenticated and user.id == assessment.owner_id:
        return True
    return assessment.round_id is None and assessment.shared and assessment.is_submitted and is_member(user)


def can_edit_assessment(user: Account, assessment: Assessment) -> bool:
    """Its author rates until submitting it; in a round, only while the round is open."""
    if not can_post(user) or user.id != assessment.owner_id or assessment.is_submitted:
        return False
    return assessment.round is None or not assessment.round.is_closed(_today())


def can_keep_assessment_plan(user: Account, assessment: Assessment) -> bool:
    """The author of a submitted self-assessment keeps its action plan (a round's plan is the team's)."""
    return (
        can_post(user)
        and user.id == assessment.owner_id
        and assessment.is_submitted
        and assessment.round_id is None
    )


def can_open_round(user: Account) -> bool:
    return can_post(user)


def is_facilitator(user: Account, round_: Round) -> bool:
    return user.is_authenticated and user.id == round_.facilitator_id


def can_view_round(user: Account, round_: Round, participant: Participant | None) -> bool:
    """The facilitator and the team see their round; everybody sees a published, visible result."""
    if is_facilitator(user, round_) or participant is not None or is_moderator(user):
        return True
    return round_.is_published and not round_.is_hidden


def can_manage_round(user: Account, round_: Round) -> bool:
    """The facilitator invites, closes early and publishes."""
    return can_post(user) and is_facilitator(user, round_) and not round_.is_published


def can_rate_in_round(user: Account, round_: Round, participant: Participant | None) -> bool:
    return can_post(user) and participant is not None and not round_.is_closed(_today())


def can_view_spread(user: Account, round_: Round, participant: Participant | None) -> bool:
    """After the close, the facilitator and the team see how ratings spread (never who gave which)."""
    return (is_facilitator(user, round_) or participant is not None) and round_.is_closed(_today())


def can_agree_consensus(user: Account, round_: Round, participant: Participant | None) -> bool:
    return can_post(user) and can_view_spread(user, round_, participant) and not round_.is_published


def can_keep_round_plan(user: Account, round_: Round, participant: Participant | None) -> bool:
    """The team keeps its action plan up to date once its result is published."""
    in_team = is_facilitator(user, round_) or participant is not None
    return can_post(user) and in_team and round_.is_published


def can_tag_dimensions(user: Account, initiative: Initiative) -> bool:
    return can_edit_initiative(user, initiative)


# Funding and partnerships. ``partner`` is the member's partner-organisation mark or None; ``offer`` the
# member's offer to join that initiative or None: the view loads them.


def can_post_call(user: Account, partner: PartnerOrganisation | None) -> bool:
    """Moderators and members an admin marked as partner organisations post funding calls."""
    return can_post(user) and (is_moderator(user) or partner is not None)


def can_view_call(user: Account, call: Call) -> bool:
    return not call.is_hidden or is_moderator(user) or is_author(user, call)


def can_edit_call(user: Account, call: Call) -> bool:
    return can_post(user) and can_view_call(user, call) and (is_author(user, call) or is_moderator(user))


def can_save_call(user: Account, call: Call) -> bool:
    return user.is_authenticated and can_view_call(user, call)


def can_mark_partners(user: Account) -> bool:
    return is_admin(user)


def can_manage_needs(user: Account, initiative: Initiative) -> bool:
    """The initiative's author (or a moderator) says what it seeks and which calls it applies to."""
    return can_edit_initiative(user, initiative)


def can_offer_to_join(user: Account, initiative: Initiative, offer: Offer | None) -> bool:
    """Any member offers, once, to join someone else's visible initiative."""
    return can_post(user) and not initiative.is_hidden and not is_author(user, initiative) and offer is None


def can_decide_offer(user: Account, offer: Offer) -> bool:
    return can_post(user) and is_author(user, offer.initiative) and offer.state == "pending"


def can_post_update(user: Account, initiative: Initiative, offer: Offer | None) -> bool:
    """The author and the accepted partners post an initiative's progress updates."""
    if not can_post(user) or initiative.is_hidden:
        return False
    is_partner = offer is not None and offer.user_id == user.id and offer.state == "accepted"
    return is_author(user, initiative) or is_partner


# Private messages and a member's home.


def can_message_member(user: Account, member: User | None) -> bool:
    """Members who may post write to listed members other than themselves (blocks and settings: services)."""
    return can_post(user) and member is not None and member.is_listed and member.id != user.id


def can_view_conversation(user: Account, participant: object | None, flagged: bool = False) -> bool:
    """Its participants read a conversation; moderators read one only once a message in it is flagged."""
    return (user.is_authenticated and participant is not None) or (flagged and is_moderator(user))


def can_mute_initiative(user: Account, initiative: Initiative) -> bool:
    """Members who watch may silence one initiative they see."""
    return can_watch(user) and can_view_initiative(user, initiative)


def can_watch(user: Account) -> bool:
    """Signed-in, confirmed members watch labs, categories, tags and countries, bookmark and keep drafts."""
    return user.is_authenticated and user.confirmed_at is not None and user.state != AccountState.BANNED


def ensure(allowed: bool) -> None:
    """Stop the request with 403 unless the rule allowed it."""
    if not allowed:
        abort(403)


View = TypeVar("View", bound=Callable[..., Any])


def _role_required(rule: Callable[[Account], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            ensure(rule(current_user))
            return view(*args, **kwargs)

        return cast(View, wrapped)

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
    can_sanction_member,
    can_purge_member,
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
    is_seen_by_everyone,
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
    can_organise_events,
    can_view_event,
    can_register_for_event,
    can_see_event_link,
    can_evaluate_event,
    can_take_assessment,
    can_view_assessment,
    can_edit_assessment,
    can_keep_assessment_plan,
    can_open_round,
    is_facilitator,
    can_view_round,
    can_manage_round,
    can_rate_in_round,
    can_view_spread,
    can_agree_consensus,
    can_keep_round_plan,
    can_tag_dimensions,
    can_post_call,
    can_view_call,
    can_edit_call,
    can_save_call,
    can_mark_partners,
    can_manage_needs,
    can_offer_to_join,
    can_decide_offer,
    can_post_update,
    can_message_member,
    can_view_conversation,
    can_watch,
    can_mute_initiative,
)


def init_app(app: Flask) -> None:
    """Let templates ask the same rules the views ask."""
    login_manager.anonymous_user = Visitor
    app.jinja_env.globals.update({rule.__name__: rule for rule in RULES})


def must_use_two_step(user: Account) -> bool:
    """Moderators and admins reach staff pages only after a second factor (an option for members)."""
    return is_moderator(user)
