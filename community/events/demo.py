"""Demo events: the workshop's five past sessions with registrations, attendance and evaluations,
and sessions to come with a waiting list."""

from __future__ import annotations

from datetime import timedelta

from community.events import registrations, services
from community.events.models import Evaluation, Registration, RegistrationState
from community.extensions import db
from community.utils import utcnow

WORKSHOP = "Innovation and Digital Government for Public Service Delivery"
SESSIONS = (
    "Digital transformation agents: who we are",
    "Innovation labs and design thinking",
    "The Digital Government Capability Assessment",
    "Funding innovation together",
    "Monitoring, evaluation and storytelling",
)
PARTICIPANTS = ("amara-j", "diego-r", "marie-claire", "ravi-s", "annelies-w", "kemar-b")
ANSWERS = (
    (5, "The case studies from other islands.", "The connection dropped twice.", "Share the slides before."),
    (4, "Working in small groups.", "Too much in too little time.", "Give more time to the exercises."),
    (3, "Meeting colleagues from the region.", "", "Record the session for those who miss it."),
    (5, "Clear and practical.", "", ""),
)


def _details(title: str, starts, hours: float = 2, **fields) -> services.EventDetails:
    local = starts.replace(minute=0, second=0, microsecond=0)
    return services.EventDetails(
        title=title,
        starts_local=local,
        ends_local=local + timedelta(hours=hours),
        timezone="America/Port_of_Spain",
        online_url="https://meet.example.org/network",
        languages=["en", "es"],
        **fields,
    )


def _past_workshop(moderator, users) -> None:
    series = services.create_series(
        moderator, None, WORKSHOP, "Five facilitated online sessions with UN DESA, CARICAD and CARICOM."
    )
    first = utcnow() - timedelta(days=70)
    for number, title in enumerate(SESSIONS):
        event = services.create_event(
            moderator,
            None,
            _details(
                f"Session {number + 1}: {title}",
                first + timedelta(days=7 * number),
                capacity=30,
                description="A facilitated session of the workshop, with group work.",
                extra_questions="Was the pace right for you?",
                series_id=series.id,
            ),
        )
        present = PARTICIPANTS[: 6 - number % 2]  # one member missed every other session
        for username in PARTICIPANTS:
            attended = username in present
            db.session.add(Registration(event_id=event.id, user_id=users[username].id, attended=attended))
        event.attendance_taken = True
        for index, username in enumerate(present[:4]):
            rating, liked, less, differently = ANSWERS[(index + number) % len(ANSWERS)]
            db.session.add(
                Evaluation(
                    event_id=event.id, user_id=users[username].id, rating=min(5, rating + number // 3),
                    liked=liked, liked_less=less, differently=differently, anonymous=index == 2,
                    answers_json='{"Was the pace right for you?": "Mostly, yes."}', quoted=index == 0,
                )
            )  # fmt: skip
        event.evaluation_closed = number < 4
        event.results_published = number < 4
        event.invitations_sent_at = utcnow()
        db.session.commit()


def _coming(moderator, users) -> None:
    series = services.create_series(moderator, None, "Follow-up clinics", "Short clinics after the workshop.")
    soon = utcnow() + timedelta(days=6)
    clinic = services.create_event(
        moderator,
        None,
        _details("Clinic: capability self-assessment", soon, 1.5, capacity=3, series_id=series.id),
    )
    for username in ("amara-j", "diego-r", "ravi-s", "kemar-b"):  # the last one waits
        registrations.register(users[username], clinic)
    services.create_event(
        moderator, None, _details("Clinic: funding proposals", soon + timedelta(days=14), series_id=series.id)
    )
    services.create_event(
        moderator, None, _details("Open data for agriculture", soon + timedelta(days=21), place="Kingston")
    )


def seed(context: dict) -> str:
    users = context["users"]
    _past_workshop(users["moderator"], users)
    _coming(users["moderator"], users)
    waiting = Registration.state == RegistrationState.WAITING
    count = db.session.query(Registration).filter(waiting).count()
    return f"Events: the workshop's five past sessions with evaluations, three to come ({count} waiting)."
