"""Demo labs: a lively Agriculture Innovation Lab and four other labs, built through the services."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from community.events import services as event_services
from community.extensions import db
from community.labs import content, queries, services
from community.labs.models import JoinPolicy, Lab, LabRole, LabTheme
from community.utils import utcnow

OTHER_LABS = [
    (
        "amara-j",
        services.LabDetails(
            name="Digital Identity Lab",
            theme=LabTheme.DIGITAL_IDENTITY,
            short_description="Trusted digital identity for citizens, from the civil registry to e-services.",
            description="We compare national ID projects, share procurement lessons, draft standards.",
            region="Eastern Caribbean",
            countries=["LC", "DM", "GD", "VC", "AG", "KN"],
            join_policy=JoinPolicy.OPEN,
        ),
    ),
    (
        "ravi-s",
        services.LabDetails(
            name="Data and Statistics Lab",
            theme=LabTheme.DATA_STATISTICS,
            short_description="Open and administrative data and statistics that ministries share and reuse.",
            description="Monthly clinics on data sharing agreements, open data portals and dashboards.",
            region="Caribbean",
            countries=["TT", "JM", "BB", "GY"],
            join_policy=JoinPolicy.BY_REQUEST,
        ),
    ),
    (
        "diego-r",
        services.LabDetails(
            name="Service Design Lab",
            theme=LabTheme.SERVICE_DESIGN,
            short_description="Designing public services with the people who use them.",
            description="User research, prototypes and tests of services in our four languages.",
            region="Greater Antilles",
            countries=["DO", "PR", "CU"],
        ),
    ),
    (
        "annelies-w",
        services.LabDetails(
            name="Climate Resilience Lab",
            theme=LabTheme.CLIMATE_RESILIENCE,
            short_description="Digital tools for disaster preparedness, early warning and recovery.",
            description="From hurricane early warning to digital damage assessment after a storm.",
            region="Caribbean",
            countries=["AW", "CW", "SX", "BS", "BZ"],
        ),
    ),
]


def _agriculture(users: dict, moderator) -> Lab:
    """Five members of the lab the migrations made, two of them leads."""
    lab = db.session.scalar(select(Lab).where(Lab.slug == "agriculture"))  # made by the migrations
    leads = [users["marie-claire"], users["kemar-b"]]
    for user in [*leads, users["amara-j"], users["diego-r"], users["ravi-s"]]:
        services.join_lab(user, lab)
    for lead in leads:
        membership = queries.membership_of(lead, lab)
        services.set_member_role(moderator, membership, LabRole.LEAD)
    _agriculture_calendar(lab, leads)
    return lab


def _agriculture_calendar(lab: Lab, leads: list) -> None:
    """Two recommended links, a meeting next week and the kick-off last month."""
    lead = leads[0]
    content.add_resource(
        lead,
        lab,
        "FAO Digital Agriculture resources",
        "Guides and case studies on digital services for farmers.",
        url="https://www.fao.org/digital-agriculture/en/",
    )
    content.add_resource(
        lead,
        lab,
        "CARDI: Caribbean Agricultural Research and Development Institute",
        "Research and data on crops and livestock in the region.",
        url="https://www.cardi.org/",
    )
    soon = (utcnow() + timedelta(days=10)).replace(hour=14, minute=0, second=0, microsecond=0)
    event_services.create_event(
        lead,
        lab,
        event_services.EventDetails(
            title="Farmer registries: sharing what works",
            starts_local=soon,
            ends_local=soon + timedelta(hours=1, minutes=30),
            timezone="America/Port_of_Spain",
            description="Saint Lucia and Jamaica present their farmer registries; open discussion follows.",
            online_url="https://meet.example.org/agri-lab",
        ),
    )
    earlier = (utcnow() - timedelta(days=20)).replace(hour=10, minute=0, second=0, microsecond=0)
    event_services.create_event(
        leads[1],
        lab,
        event_services.EventDetails(
            title="Kick-off meeting of the Agriculture Innovation Lab",
            starts_local=earlier,
            ends_local=earlier + timedelta(hours=2),
            timezone="America/Jamaica",
            place="Ministry of Agriculture, Kingston",
            online_url="https://meet.example.org/agri-lab",
        ),
    )


def seed(context: dict) -> str:
    """Liven up the Agriculture Innovation Lab and open four more labs."""
    users = context["users"]
    moderator = users["moderator"]
    labs = {"agriculture": _agriculture(users, moderator)}
    for proposer, details in OTHER_LABS:
        lab = services.propose_lab(users[proposer], details)
        services.approve_lab(moderator, lab)
        labs[lab.slug] = lab
    for username, slug in [("kemar-b", "digital-identity-lab"), ("marie-claire", "service-design-lab")]:
        services.join_lab(users[username], labs[slug])
    services.join_lab(users["annelies-w"], labs["data-and-statistics-lab"])  # waits for its lead
    context["labs"] = labs
    return f"{len(labs)} labs, the Agriculture Innovation Lab with two leads, resources and events."
