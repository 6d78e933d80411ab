"""What organisers read after a session: response rate, ratings, free text by question; a series' trend."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.events.models import Evaluation, Event, EventSeries, Registration, RegistrationState
from community.extensions import db

RATINGS = (1, 2, 3, 4, 5)


@dataclass
class Report:
    event: Event
    invited: int  # attendees, or registered members when attendance was not taken
    evaluations: list[Evaluation] = field(default_factory=list)

    @property
    def responses(self) -> int:
        return len(self.evaluations)

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.invited if self.invited else None

    @property
    def distribution(self) -> dict[int, int]:
        counts = dict.fromkeys(RATINGS, 0)
        for evaluation in self.evaluations:
            counts[evaluation.rating] += 1
        return counts

    @property
    def average(self) -> float | None:
        return sum(e.rating for e in self.evaluations) / self.responses if self.responses else None

    @property
    def quotes(self) -> list[str]:
        return [e.liked for e in self.evaluations if e.quoted and e.liked]

    def answers_to(self, attribute: str) -> list[Evaluation]:
        return [e for e in self.evaluations if getattr(e, attribute).strip()]

    def extra_answers(self) -> list[tuple[str, list[str]]]:
        """The organisers' questions, each with its non-empty answers."""
        return [
            (question, [e.answers[question] for e in self.evaluations if e.answers.get(question)])
            for question in self.event.questions
        ]


def invited_count(event: Event) -> int:
    stmt = select(func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.state == RegistrationState.REGISTERED
    )
    if event.attendance_taken:
        stmt = stmt.where(Registration.attended.is_(True))
    return db.session.scalar(stmt)


def event_report(event: Event) -> Report:
    evaluations = db.session.scalars(
        select(Evaluation)
        .options(joinedload(Evaluation.user))  # names on the report: one query, whatever their number
        .where(Evaluation.event_id == event.id)
        .order_by(Evaluation.created_at, Evaluation.id)
    ).all()
    return Report(event, invited_count(event), list(evaluations))


def series_report(series: EventSeries) -> list[Report]:
    """One report per session of the series, in order (sessions not yet held included, empty)."""
    return [event_report(event) for event in series.sessions]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def bars(values: list[tuple[str, float]], maximum: float, width: int = 320, height: int = 160) -> list[Bar]:
    """Bars of a chart drawn on the server (an SVG with no script or style): the template draws them."""
    if not values:
        return []
    slot = width / len(values)
    result = []
    for index, (label, value) in enumerate(values):
        bar_height = (value / maximum) * (height - 20) if maximum else 0
        result.append(
            Bar(label, value, index * slot + slot * 0.15, height - 20 - bar_height, slot * 0.7, bar_height)
        )
    return result


def csv_text(reports: list[Report], headers: list[str]) -> str:
    """The series report as CSV: one row per session (headers are given translated by the view)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for report in reports:
        event = report.event
        row = [
            event.title,
            event.starts_at.isoformat(timespec="minutes") + "Z",
            report.invited,
            report.responses,
        ]
        row.append(f"{report.response_rate:.2f}" if report.response_rate is not None else "")
        row.append(f"{report.average:.2f}" if report.average is not None else "")
        row.extend(report.distribution[rating] for rating in RATINGS)
        writer.writerow([_safe(value) for value in row])
    return out.getvalue()


def _safe(value):
    """Cells a spreadsheet would run as a formula start with a quote instead."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
