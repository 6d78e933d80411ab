"""/messages/: the member's conversations, a new one, one conversation, blocks and settings."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from community.auth.models import User
from community.forms import ActionForm, show_error
from community.messages import queries, services
from community.messages.blueprint import bp
from community.messages.errors import MessagesError
from community.messages.forms import MessageSettingsForm, NewConversationForm, ReplyForm, recipient_names
from community.notifications.views import register_kind_label
from community.permissions import can_post, can_view_conversation, ensure

register_kind_label("message", _l("Messages"))


@bp.app_context_processor
def _unread():
    """The header shows how many conversations wait; asked only when a page renders the link."""

    def unread_messages() -> int:
        return services.unread_count(current_user) if current_user.is_authenticated else 0

    return {"unread_messages": unread_messages}


@bp.route("/")
@login_required
def index():
    page = queries.conversations_of(current_user, request.args.get("page", 1, type=int))
    return render_template("messages/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    ensure(can_post(current_user))
    form = NewConversationForm(to=request.args.get("to", "")[:400])
    if form.validate_on_submit():
        try:
            recipients = services.find_recipients(current_user, recipient_names(form.to.data))
            conversation = services.start_conversation(
                current_user, recipients, form.subject.data, form.body.data
            )
        except MessagesError as error:
            show_error(form, error)
        else:
            flash(_("Your message is sent."), "success")
            return redirect(url_for("messages.show", conversation_id=conversation.id))
    return render_template("messages/new.html", form=form)


@bp.route("/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def show(conversation_id: int):
    """Read a conversation (its participants; moderators once a message in it is flagged) and reply."""
    conversation = queries.conversation(conversation_id) or abort(404)
    participant = services.participant_of(current_user, conversation)
    flagged = participant is None and queries.is_flagged(conversation)
    if not can_view_conversation(current_user, participant, flagged):
        abort(404)  # nobody learns that a conversation exists
    form = ReplyForm()
    if participant is not None and form.validate_on_submit():
        try:
            message = services.reply(current_user, conversation, form.body.data)
        except MessagesError as error:
            show_error(form, error)
        else:
            anchor = f"message-{message.id}"
            return redirect(url_for("messages.show", conversation_id=conversation.id, _anchor=anchor))
    last_read = participant.last_read_at if participant else None
    if participant is not None and request.method == "GET":
        services.mark_read(participant)
    return render_template(
        "messages/show.html", conversation=conversation, messages=queries.messages_in(conversation),
        form=form, participant=participant, last_read=last_read,
    )  # fmt: skip


@bp.route("/block/<username>", methods=["POST"])
@login_required
def block(username: str):
    member = _member(username)
    if ActionForm().validate_on_submit():
        try:
            services.block(current_user, member)
        except MessagesError as error:
            flash(error.message, "error")
        else:
            flash(_("This member can no longer write to you."), "success")
    if request.form.get("back") == "settings":
        return redirect(url_for("messages.settings"))
    return redirect(url_for("profiles.show", username=member.username))


@bp.route("/unblock/<username>", methods=["POST"])
@login_required
def unblock(username: str):
    member = _member(username)
    if ActionForm().validate_on_submit():
        services.unblock(current_user, member)
        flash(_("This member may write to you again."), "success")
    return redirect(url_for("messages.settings"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = MessageSettingsForm(shared_labs_only=services.accepts_shared_labs_only(current_user))
    if form.validate_on_submit():
        services.set_shared_labs_only(current_user, form.shared_labs_only.data)
        flash(_("Your message settings are saved."), "success")
        return redirect(url_for("messages.settings"))
    return render_template("messages/settings.html", form=form, blocks=queries.blocked_by(current_user))


def _member(username: str) -> User:
    return queries.listed_member(username) or abort(404)
