"""The funding blueprint, what its templates share, and its CLI group (`flask --app community funding …`)."""

import click
from flask import Blueprint

from community.funding import vocabulary as v

bp = Blueprint("funding", __name__, url_prefix="/funding", cli_group="funding")


@bp.record_once
def _template_helpers(state) -> None:
    from community import countries
    from community.forum import vocabulary as fv
    from community.funding import queries
    from community.profiles.vocabulary import expertise_name

    state.app.jinja_env.filters["sector_name"] = lambda code: fv.SECTORS.get(code, code)
    state.app.jinja_env.filters["content_language_name"] = lambda code: fv.CONTENT_LANGUAGES.get(code, code)
    state.app.jinja_env.filters["funding_expertise"] = expertise_name
    state.app.jinja_env.globals.update(
        {
            "FUNDING_KINDS": v.KINDS,
            "FUNDING_STATUSES": v.STATUSES,
            "PARTNER_ROLES": v.ROLES,
            "OFFER_STATES": v.OFFER_STATES,
            "currency_name": v.currency_name,
            "funding_panel": queries.panel,
            "country_list": countries.country_names,
        }
    )


@bp.cli.command("send-digests")
def send_digests() -> None:
    """Meant for cron once a day: weekly digests of new calls that are due, and deadline reminders."""
    from community.funding import services

    sent = services.send_digests()
    reminded = services.send_reminders()
    click.echo(f"Sent {sent} funding digest(s) and {reminded} deadline reminder(s).")


@bp.cli.command("send-reminders")
def send_reminders() -> None:
    """Remind members of saved calls closing within seven days."""
    from community.funding import services

    click.echo(f"Sent {services.send_reminders()} deadline reminder(s).")
