# ruff: noqa: E501  (the demo's table of calls reads best one call to a few lines)
"""Demo funding: a partner organisation, a dozen calls (open, closing, upcoming, closed), initiatives that
seek partners or co-funding, one accepted partnership and one application."""

from datetime import timedelta

from community.funding import partnerships, services
from community.funding.errors import FundingError
from community.funding.partnerships import NeedData
from community.funding.services import CallData
from community.utils import utcnow

PARTNER = "anil-p"
CARICOM = ["AG", "BS", "BB", "BZ", "DM", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT"]
OECS = ["AG", "DM", "GD", "KN", "LC", "VC", "MS"]
# (funder, title, summary, kind, low, high, currency, days open until now, days to the deadline, zone,
#  countries or None for the whole region, sectors, SDGs, languages)
CALLS = [
    ("Caribbean Development Bank", "Digital agriculture challenge fund",
     "Grants for digital services that help small farmers sell, insure and plan their harvests.",
     "grant", 50_000, 250_000, "USD", 30, 45, "America/Barbados", CARICOM, ["agriculture"], [2, 9], ["en"]),
    ("Inter-American Development Bank", "GovTech loan facility for public service delivery",
     "Concessional loans for governments modernising registries, payments and digital identity.",
     "loan", 2_000_000, 20_000_000, "USD", 60, 120, "America/New_York", None, ["public-administration", "digital"],
     [16, 17], ["en", "es"]),
    ("UNDP Accelerator Labs", "Data for climate resilience: technical assistance",
     "Experts for six months to help ministries build early-warning and damage-assessment data.",
     "technical-assistance", None, None, "USD", 10, 10, "America/Port_of_Spain", None, ["environment"], [13, 11],
     ["en", "fr"]),
    ("European Union – Global Gateway", "Connectivity for outermost islands",
     "Co-funding for broadband to health and education sites on the smallest islands.",
     "grant", 500_000, 3_000_000, "EUR", 5, 80, "Europe/Brussels", ["DM", "GD", "VC", "KN", "MS", "AI"],
     ["infrastructure", "education", "health"], [9, 4, 3], ["en", "fr", "nl"]),
    ("CARICOM Secretariat", "Regional prize for open data in public services",
     "A prize for the best open dataset that a ministry published and that others reused.",
     "prize", 10_000, 25_000, "XCD", 20, 6, "America/Guyana", CARICOM, ["public-administration"], [16], ["en"]),
    ("Government of the Netherlands – RVO", "Water and digital twins for the Dutch Caribbean",
     "Technical partnership and co-funding for water utilities in Aruba, Curaçao and Sint Maarten.",
     "grant", 100_000, 400_000, "EUR", -7, 60, "America/Curacao", ["AW", "CW", "SX", "BQ"], ["environment"], [6],
     ["nl", "en"]),
    ("World Bank – Digital Development Partnership", "Digital public infrastructure readiness grants",
     "Small grants for readiness studies: identity, payments and data exchange.",
     "grant", 25_000, 150_000, "USD", 90, -10, "UTC", None, ["digital"], [9, 16], ["en", "es", "fr"]),
    ("OECS Commission", "Shared e-procurement platform: in-kind support",
     "Licences, hosting and training for member states joining the shared e-procurement platform.",
     "in-kind", None, None, "XCD", 15, 35, "America/St_Lucia", OECS, ["finance", "public-administration"], [16],
     ["en"]),
    ("Agence française de développement", "Santé numérique dans la Caraïbe",
     "Subventions pour les dossiers médicaux partagés et la télémédecine dans les îles.",
     "grant", 200_000, 800_000, "EUR", -14, 75, "America/Martinique", ["HT", "DM", "LC", "GP", "MQ"], ["health"],
     [3], ["fr"]),
    ("Canada – Global Affairs", "Gender-responsive digital services fund",
     "Grants for services that close gaps in women's access to social protection and finance.",
     "grant", 75_000, 300_000, "CAD", 120, -30, "America/Toronto", None, ["social", "finance"], [5, 1], ["en", "fr"]),
    ("CARICAD", "Change leadership fellowships",
     "Technical assistance and coaching for teams leading a transformation in their ministry.",
     "technical-assistance", None, None, "USD", 40, 13, "America/Barbados", CARICOM, ["public-administration"],
     [16, 17], ["en", "es"]),
    ("Caribbean Tourism Organization", "Smart tourism micro-grants",
     "Micro-grants for digital visitor services, e-visas and tourism statistics.",
     "grant", 5_000, 40_000, "USD", 200, -90, "America/Barbados", None, ["tourism"], [8], ["en", "es", "fr", "nl"]),
]  # fmt: skip
# initiative number in the demo's list -> what it seeks
NEEDS = {
    0: NeedData(
        ["JM", "TT"], ["agritech", "data-governance"], 120_000, "USD", True, "A second island to pilot."
    ),
    3: NeedData(
        ["BB"], ["digital-identity"], None, None, False, "Looking for an identity team to share specs."
    ),
    5: NeedData([], ["cybersecurity"], 40_000, "XCD", True, ""),
    8: NeedData(
        ["LC", "GD"], ["service-design"], None, None, False, "Partners to test the forms with users."
    ),
    12: NeedData([], [], 250_000, "EUR", False, "Co-funding for the national roll-out."),
}


def seed(context: dict) -> str:
    users = context["users"]
    # iGovTT relays calls to the network as a partner organisation (a demo member already: no new profile).
    partner = context.get("members", {}).get(PARTNER) or users["moderator"]
    services.mark_partner(users["admin"], partner, True)
    now = utcnow().replace(second=0, microsecond=0)
    calls = []
    for number, row in enumerate(CALLS):
        (
            funder,
            title,
            summary,
            kind,
            low,
            high,
            currency,
            opened,
            closes,
            zone,
            countries,
            sectors,
            sdgs,
            langs,
        ) = row
        author = partner if number % 3 else users["moderator"]
        data = CallData(
            funder=funder, title=title, summary=summary, kind=kind, amount_min=low, amount_max=high,
            currency=currency, opens=now - timedelta(days=opened), closes=now + timedelta(days=closes, hours=5),
            timezone=zone, apply_url=f"https://funding.example/{number + 1}", whole_region=countries is None,
            countries=countries or [], sectors=sectors, sdgs=sdgs, languages=langs,
            details=f"## Who may apply\n\nPublic bodies of eligible countries.\n\n## Contact\n\n{funder}",
        )  # fmt: skip
        calls.append(services.create_call(author, data))
    initiatives = context.get("initiatives", [])
    seeking = 0
    for index, need in NEEDS.items():
        if index < len(initiatives) and initiatives[index].author is not None:
            partnerships.set_needs(initiatives[index].author, initiatives[index], need)
            seeking += 1
    partnered = _partnership(users, initiatives, calls)
    return f"{len(calls)} funding calls, {seeking} initiatives seeking partners or funding, {partnered} partnership."


def _partnership(users: dict, initiatives: list, calls: list) -> int:
    """Kemar (Jamaica) offers to join the first seeking initiative he did not write; its author accepts."""
    if not initiatives:
        return 0
    initiative = next((i for i in initiatives if i.author and i.author.username != "kemar-b"), None)
    if initiative is None:
        return 0
    try:
        offer = partnerships.offer_to_join(
            users["kemar-b"], initiative, "government", "Jamaica would pilot this."
        )
        partnerships.decide_offer(initiative.author, offer, True)
        partnerships.apply_to_call(initiative.author, initiative, calls[0], True)
    except FundingError:
        return 0
    return 1
