"""/notifications: the member's notifications; /settings/notifications: how to hear of them."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from community.forms import ActionForm
from community.notifications import services
from community.notifications.forms import EmailModeForm
from community.notifications.models import EmailMode
from community.settings.views import bp as settings_bp

bp = Blueprint("notifications", __name__)
# The filter's names of each kind; features add theirs with register_kind_label.
KIND_LABELS = {"comment": _l("Comments"), "reply": _l("Replies"), "mention": _l("Mentions")}
MODERATION_LABEL = _l("From the moderators")


def register_kind_label(kind: str, label) -> None:
    KIND_LABELS[kind] = label


@bp.app_context_processor
def _unread():
    """The header shows the unread count; it is asked only when a page renders the link."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        return services.unread_count(current_user)

    return {"unread_notifications": unread_notifications}


@bp.route("/notifications")
@login_required
def index():
    kinds = services.kinds_of(current_user)
    kind = request.args.get("kind") if request.args.get("kind") in kinds else None
    page = services.page_of_notifications(current_user, request.args.get("page", 1, type=int), kind=kind)
    return render_template(
        "notifications/index.html", page=page, message_for=services.message_for,
        groups=services.grouped(page.items), kinds=kinds, kind=kind, kind_labels=KIND_LABELS,
        moderation_label=MODERATION_LABEL,
    )  # fmt: skip


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    if ActionForm().validate_on_submit():
        services.mark_read(current_user, notification_id)
    return redirect(url_for("notifications.index", page=request.args.get("page", 1, type=int)))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    if ActionForm().validate_on_submit():
        services.mark_all_read(current_user)
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.index"))


@settings_bp.route("/notifications", methods=["GET", "POST"])
def notifications():
    """How the member hears of notifications by e-mail: a page of the one settings blueprint."""
    form = EmailModeForm(email_mode=services.email_mode(current_user).value)
    if form.validate_on_submit():
        services.set_email_mode(current_user, EmailMode(form.email_mode.data))
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("settings.notifications"))
    return render_template("notifications/settings.html", form=form)
