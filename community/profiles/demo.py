"""Demo profiles: the demo accounts filled in, and about thirty more members across the region."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from community.auth import services as auth_services
from community.auth.models import Role
from community.profiles import services
from community.profiles.models import EmailVisibility, VisitorView
from community.profiles.services import ProfileChanges

# fmt: off
# username: (name, country, organization, job title, headline, expertise, languages, tags)
DEMO_PROFILES = {
    "admin": ("Network Secretariat", "BB", "CARICAD", "Platform administrator",
        "Keeps the network running", ["change-leadership"], ["en"], []),
    "moderator": ("Shanice Clarke", "BB", "CARICAD", "Community manager",
        "Moderates the forum and welcomes new agents", ["service-design", "digital-skills"], ["en", "es"],
        ["community"]),
    "amara-j": ("Amara Joseph", "LC", "Ministry of the Public Service", "Chief Digital Officer",
        "Leads Saint Lucia's national digital ID programme", ["digital-identity", "e-services"],
        ["en", "fr"], ["kweyol", "mobile id"]),
    "diego-r": ("Diego Ramírez", "DO", "OGTIC", "Director of e-government",
        "Ran the e-procurement pilot now used by twelve ministries",
        ["procurement", "e-services", "interoperability"], ["es", "en"], ["x-road"]),
    "marie-claire": ("Marie-Claire Pierre", "HT", "Ministère de l'Économie et des Finances",
        "Responsable de la transformation numérique", "Digital payments for public services",
        ["digital-payments", "change-leadership"], ["fr", "ht", "en"], ["mobile money"]),
    "ravi-s": ("Ravi Singh", "TT", "Ministry of Digital Transformation", "Data governance lead",
        "Writing the national data-sharing policy", ["data-governance", "open-data", "policy-regulation"],
        ["en", "hi"], ["data protection"]),
    "annelies-w": ("Annelies Wever", "AW", "Departamento di Organisashon", "Service designer",
        "Redesigning permits around the people who ask for them", ["service-design", "e-services"],
        ["nl", "pap", "en", "es"], ["user research"]),
    "kemar-b": ("Kemar Brown", "JM", "eGov Jamaica Limited", "Chief Information Security Officer",
        "Cybersecurity for government networks", ["cybersecurity", "cloud-infrastructure"], ["en"],
        ["incident response"]),
}

# username, name, country, organization, job title, headline, expertise, languages
MORE_MEMBERS = [
    ("keisha-t", "Keisha Thomas", "BB", "Ministry of Innovation, Science and Smart Technology",
        "Policy analyst", "Digital skills for every public officer",
        ["digital-skills", "change-leadership"], ["en"]),
    ("marlon-g", "Marlon Gittens", "BB", "Barbados Agricultural Management Company",
        "Agritech coordinator", "Sensors and market data for small farmers", ["agritech", "open-data"],
        ["en"]),
    ("yolanda-p", "Yolanda Pérez", "CU", "Ministerio de Comunicaciones",
        "Especialista en interoperabilidad", "Connecting registries across ministries",
        ["interoperability", "data-governance"], ["es"]),
    ("jean-baptiste", "Jean-Baptiste Louis", "HT", "Office Haïtien de l'Identification", "Chef de projet",
        "Civil registry and identity in Haiti", ["digital-identity"], ["fr", "ht"]),
    ("sophie-l", "Sophie Laurent", "GP", "Région Guadeloupe", "Cheffe de projet numérique",
        "Open data for regional services", ["open-data", "e-services"], ["fr", "en"]),
    ("nadia-m", "Nadia Mohammed", "GY", "Office of the Prime Minister", "E-government advisor",
        "Rolling out e-services to the hinterland", ["e-services", "cloud-infrastructure"], ["en", "hi"]),
    ("devon-w", "Devon Williams", "GY", "Ministry of Agriculture", "Digital extension officer",
        "Digital extension services for rice and sugar farmers", ["agritech", "digital-skills"], ["en"]),
    ("roxanne-c", "Roxanne Charles", "DM", "Ministry of Governance and Public Service Reform",
        "Reform officer", "Rebuilding services after the hurricane, digitally",
        ["disaster-resilience", "service-design"], ["en", "fr"]),
    ("troy-a", "Troy Alexander", "GD", "Department of ICT", "Systems architect",
        "Shared cloud for small-island governments", ["cloud-infrastructure", "interoperability"], ["en"]),
    ("shelly-ann-m", "Shelly-Ann Morgan", "JM", "Ministry of Science, Energy and Technology",
        "Policy director", "Data protection act implementation", ["policy-regulation", "data-governance"],
        ["en", "es"]),
    ("andre-h", "André Henry", "JM", "Rural Agricultural Development Authority", "ICT manager",
        "Farmer registry and drought alerts", ["agritech", "disaster-resilience"], ["en"]),
    ("tamika-r", "Tamika Richards", "KN", "Ministry of Information", "Digital services lead",
        "One portal for every government service", ["e-services", "service-design"], ["en"]),
    ("curtis-j", "Curtis James", "LC", "Department of Public Service", "HR systems manager",
        "Digital HR for the public service", ["change-leadership", "e-services"], ["en", "fr"]),
    ("kezia-d", "Kezia Daniel", "VC", "Ministry of Finance", "Procurement officer",
        "Open contracting and e-procurement", ["procurement", "open-data"], ["en"]),
    ("priya-r", "Priya Ramdial", "SR", "Ministerie van Binnenlandse Zaken", "Adviseur digitalisering",
        "Digital civil registry for Suriname", ["digital-identity", "interoperability"],
        ["nl", "srn", "en"]),
    ("ruben-k", "Ruben Kartodikromo", "SR", "Ministerie van Landbouw", "Projectleider",
        "Agricultural data platform", ["agritech", "data-governance"], ["nl", "srn"]),
    ("anil-p", "Anil Persad", "TT", "iGovTT", "Chief technology officer",
        "Building the government service bus", ["interoperability", "cloud-infrastructure"], ["en", "hi"]),
    ("camille-b", "Camille Baptiste", "TT", "Ministry of Health", "Health informatics lead",
        "Electronic health records for public clinics", ["health-information", "data-governance"],
        ["en", "es"]),
    ("luis-m", "Luis Martínez", "DO", "Ministerio de Agricultura", "Coordinador de agricultura digital",
        "Traceability for export crops", ["agritech", "interoperability"], ["es"]),
    ("carmen-s", "Carmen Santos", "PR", "Puerto Rico Innovation and Technology Service",
        "Service designer", "Human-centred design for public services",
        ["service-design", "digital-skills"], ["es", "en"]),
    ("glenroy-b", "Glenroy Bain", "BS", "Department of Transformation and Digitisation",
        "Programme manager", "Digital payments for government fees", ["digital-payments", "e-services"],
        ["en"]),
    ("tanya-f", "Tanya Forbes", "BS", "Ministry of Health", "Data analyst", "Public health dashboards",
        ["health-information", "open-data"], ["en"]),
    ("marcus-l", "Marcus Lopez", "BZ", "Central Information Technology Office", "Cybersecurity analyst",
        "Protecting government systems in Belize", ["cybersecurity"], ["en", "es"]),
    ("elena-c", "Elena Chan", "BZ", "Ministry of Agriculture", "Agritech officer",
        "Mobile advisory for citrus growers", ["agritech", "digital-skills"], ["es", "en", "zh"]),
    ("joan-f", "Joan Fergus", "MS", "Government of Montserrat", "ICT officer",
        "Digital services for a small island", ["e-services", "disaster-resilience"], ["en"]),
    ("vernon-h", "Vernon Hodge", "AG", "Department of Information Technology", "Director",
        "Digital ID and e-services for Antigua and Barbuda", ["digital-identity", "e-services"], ["en"]),
    ("ingrid-m", "Ingrid Martina", "CW", "Ministerie van Bestuur, Planning en Dienstverlening",
        "Beleidsadviseur", "Digital government strategy for Curaçao",
        ["policy-regulation", "change-leadership"], ["nl", "pap", "en"]),
    ("ricardo-v", "Ricardo Vlaun", "SX", "Government of Sint Maarten", "IT manager",
        "Resilient infrastructure after Irma", ["disaster-resilience", "cloud-infrastructure"],
        ["en", "nl"]),
    ("aurelie-d", "Aurélie Delmas", "MQ", "Collectivité Territoriale de Martinique", "Chargée de mission",
        "Agriculture and digital tools in Martinique", ["agritech", "e-services"], ["fr"]),
    ("stacy-ann-w", "Stacy-Ann Walker", "KY", "Cabinet Office", "Digital transformation manager",
        "Change management for digital government", ["change-leadership", "service-design"], ["en"]),
    ("omari-c", "Omari Cumberbatch", "BB", "Barbados Revenue Authority", "Product owner",
        "Online tax filing that people actually finish", ["e-services", "digital-payments"], ["en"]),
    ("lucia-g", "Lucía Gómez", "DO", "Oficina Nacional de Estadística", "Analista de datos",
        "Open statistics for decision makers", ["open-data", "data-governance"], ["es", "en"]),
]
# fmt: on

AVATAR_COLOURS = [(11, 85, 99), (106, 61, 154), (156, 61, 0), (27, 107, 58), (60, 74, 87), (164, 22, 26)]


def _portrait(seed: int) -> io.BytesIO:
    """A simple generated portrait: a silhouette on a coloured background."""
    rng = random.Random(seed)  # noqa: S311 - demo pictures, not secrets
    background = AVATAR_COLOURS[seed % len(AVATAR_COLOURS)]
    skin = rng.choice([(92, 58, 33), (141, 85, 36), (198, 134, 66), (224, 172, 105), (241, 194, 125)])
    image = Image.new("RGB", (320, 320), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 210, 260, 420), fill=rng.choice([(240, 240, 240), (30, 30, 30), (255, 209, 102)]))
    draw.ellipse((105, 70, 215, 190), fill=skin)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _fill(user, name, country, organization, job_title, headline, expertise, languages, tags, number) -> None:
    services.update_profile(
        user,
        ProfileChanges(
            display_name=name,
            headline=headline,
            organization=organization,
            job_title=job_title,
            country=country,
            expertise=expertise,
            languages=languages,
            tags=tags,
            bio=f"{job_title} at **{organization}**. {headline}.\n\n"
            "Happy to share what worked, and what did not, with peers across the region.",
            website_url="https://www.gov.example" if number % 4 == 0 else "",
        ),
    )
    if number % 3 != 2:
        services.set_avatar(user, _portrait(number))
    services.record_activity(user, (number * 7) % 23)
    services.set_privacy(
        user,
        EmailVisibility.MEMBERS if number % 2 == 0 else EmailVisibility.NOBODY,
        VisitorView.SUMMARY if number % 5 == 4 else VisitorView.FULL,
    )


def seed(context: dict) -> str:
    """Fill in the demo accounts' profiles and add members across the Caribbean."""
    members = dict(context["users"])
    for number, (username, (name, country, org, job, headline, expertise, languages, tags)) in enumerate(
        DEMO_PROFILES.items()
    ):
        _fill(members[username], name, country, org, job, headline, expertise, languages, tags, number)
    for number, (username, name, country, org, job, headline, expertise, languages) in enumerate(
        MORE_MEMBERS, start=len(DEMO_PROFILES)
    ):
        user = auth_services.create_account(
            f"{username.replace('-', '.')}@gov.{country.lower()}.example",
            username,
            context["password"],
            Role.MEMBER,
            True,
        )
        _fill(user, name, country, org, job, headline, expertise, languages, [], number)
        members[username] = user
    context["members"] = members
    return f"{len(members)} member profiles."
