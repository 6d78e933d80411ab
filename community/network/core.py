"""The dashboard's own panels: members, initiatives, activity per month, labs."""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask import url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from community import countries
from community.forum import vocabulary
from community.network import queries, tilemap
from community.network.panels import Chart, Panel, Row, rank, register_panel, shown
from community.network.scope import ACTIVE_DAYS, Scope
from community.network.svg import SDG_COLOURS


def _place(code: str | None) -> str:
    if not code:
        return _("Country not given")
    if code == vocabulary.REGIONAL:
        return _("Regional (several countries)")
    return countries.country_name(code)


def _list_args(scope: Scope) -> dict:
    """The filters a list page understands too (country, lab); the period is the dashboard's own."""
    return {key: value for key, value in (("country", scope.country), ("lab", scope.lab)) if value}


def _leader(rows: list[Row]) -> Row | None:
    ranked = sorted((row for row in rows if row.value), key=rank)
    return ranked[0] if ranked else None


def _members_charts(data, scope: Scope) -> list[Chart]:
    counts = Counter({code: count for code, count in data})
    args = _list_args(scope)
    rows = [
        Row(_place(code), counts.get(code, 0), url_for("profiles.index", **{**args, "country": code}), code)
        for code in tilemap.TILES
    ]
    rows += [
        Row(_place(code), count, url_for("profiles.index", **{**args, "country": code}) if code else None)
        for code, count in counts.items()
        if code not in tilemap.TILES
    ]
    rows.sort(key=rank)
    top = _leader(rows)
    return [
        Chart(
            key="members-by-country",
            kind="tiles",
            title=_("Members by country"),
            summary=_("%(name)s has the most members: %(count)s.", name=top.label, count=top.shown)
            if top
            else "",
            label_heading=_("Country or territory"),
            value_heading=_("Members"),
            rows=rows,
            empty=_("No member matches these filters."),
            list_href=url_for("profiles.index", **args),
        )
    ]


def _initiatives_gather(scope: Scope) -> dict:
    return {"fields": queries.initiatives_by_field(scope), "goals": queries.initiatives_by_goal(scope)}


def _bars(key, title, summary, label_heading, rows, scope, empty=None) -> Chart:
    top = _leader(rows)
    return Chart(
        key=key,
        kind="bars",
        title=title,
        summary=str(summary) % {"name": top.label, "count": top.shown} if top else "",
        label_heading=label_heading,
        value_heading=_("Initiatives"),
        rows=rows,
        empty=empty or _("No initiative matches these filters."),
        list_href=url_for("forum.index", **_list_args(scope)),
    )


def _initiatives_charts(data, scope: Scope) -> list[Chart]:
    args = _list_args(scope)
    by_country, by_sector, by_stage = Counter(), Counter(), Counter()
    for country, sector, stage, count in data["fields"]:
        by_country[country] += count
        by_sector[sector] += count
        by_stage[stage] += count
    goals = dict(data["goals"])
    sdg_rows = [
        Row(
            f"{number}. {name}",
            goals.get(number, 0),
            url_for("forum.index", **args, sdg=number),
            str(number),
            SDG_COLOURS[number],
        )
        for number, name in vocabulary.SDGS.items()
    ]
    sector_rows = sorted(
        (
            Row(str(vocabulary.SECTORS.get(code, code)), count, url_for("forum.index", **args, sector=code))
            for code, count in by_sector.items()
        ),
        key=rank,
    )
    stage_rows = [
        Row(str(label), by_stage.get(str(stage), 0), url_for("forum.index", **args, stage=str(stage)))
        for stage, label in vocabulary.STAGES.items()
    ]
    country_rows = sorted(
        (
            Row(_place(code), count, url_for("forum.index", **{**args, "country": code}))
            for code, count in by_country.items()
        ),
        key=rank,
    )
    goal_summary = _l("Most initiatives serve goal %(name)s: %(count)s.")
    stage_summary = _l("Most initiatives are at the stage “%(name)s”: %(count)s.")
    most = _l("%(name)s has the most initiatives: %(count)s.")
    return [
        _bars("initiatives-by-goal", _("Initiatives by Sustainable Development Goal"), goal_summary,
              _("Goal"), sdg_rows, scope),
        _bars("initiatives-by-sector", _("Initiatives by sector"), most, _("Sector"), sector_rows, scope),
        _bars("initiatives-by-stage", _("Initiatives by stage"), stage_summary, _("Stage"), stage_rows,
              scope),
        _bars("initiatives-by-country", _("Initiatives by country"), most, _("Country or territory"),
              country_rows, scope),
    ]  # fmt: skip


MONTH_CHARTS = (
    ("members", "new-members", _l("New members per month"), "profiles.index", _l("New members")),
    ("initiatives", "new-initiatives", _l("New initiatives per month"), "forum.index", _l("New initiatives")),
    ("comments", "new-comments", _l("New comments per month"), None, _l("New comments")),
)


def _activity_charts(data, scope: Scope) -> list[Chart]:
    counts = Counter({(kind, year, month): count for kind, year, month, count in data})
    months = scope.months()
    charts = []
    for kind, key, title, endpoint, heading in MONTH_CHARTS:
        rows = [
            Row(format_date(date(year, month, 1), "MMM yyyy"), counts.get((kind, year, month), 0),
                code=format_date(date(year, month, 1), "MMM yy"))
            for year, month in months
        ]  # fmt: skip
        total, top = sum(row.value for row in rows), _leader(rows)
        summary = (
            _("%(what)s: %(total)s in these %(months)d months; the busiest was %(month)s (%(count)s).",
              what=heading, total=shown(total), months=len(rows), month=top.label, count=top.shown)
            if top else ""
        )  # fmt: skip
        charts.append(
            Chart(key=key, kind="columns", title=str(title), summary=summary, label_heading=_("Month"),
                  value_heading=str(heading), rows=rows, empty=_("Nothing new in these months."),
                  list_href=url_for(endpoint, **_list_args(scope)) if endpoint else None)
        )  # fmt: skip
    return charts


def _labs_charts(data, scope: Scope) -> list[Chart]:
    rows = [
        Row(name, posts + replies, url_for("labs.show", slug=slug), extra=(posts, replies))
        for slug, name, posts, replies in data
    ]
    top = _leader(rows)
    summary = ngettext(
        "%(name)s was the most active lab in the last %(num)d day: %(count)s new initiatives and comments.",
        "%(name)s was the most active lab in the last %(num)d days: %(count)s new initiatives and comments.",
        ACTIVE_DAYS, name=top.label, count=top.shown,
    ) if top else ""  # fmt: skip
    return [
        Chart(
            key="labs-by-activity",
            kind="bars",
            title=ngettext(
                "Labs by activity in the last %(num)d day",
                "Labs by activity in the last %(num)d days",
                ACTIVE_DAYS,
            ),
            summary=summary,
            label_heading=_("Lab"),
            value_heading=_("New initiatives and comments"),
            extra_headings=(_("New initiatives"), _("New comments")),
            rows=rows,
            empty=_("No lab had new initiatives or comments in these 90 days."),
            list_href=url_for("labs.index"),
        )
    ]  # fmt: skip


register_panel(Panel("members", _l("Members"), queries.members_by_country, _members_charts, queries=1))
register_panel(Panel("initiatives", _l("Initiatives"), _initiatives_gather, _initiatives_charts, queries=2))
register_panel(Panel("activity", _l("Activity"), queries.new_per_month, _activity_charts, queries=1))
register_panel(Panel("labs", _l("Labs"), queries.labs_by_activity, _labs_charts, queries=1))
