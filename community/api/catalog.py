"""The DCAT-AP catalogue of the network's open datasets, for CKAN and national portals to harvest."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

bp = Blueprint("catalog", __name__)

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json"}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    themes: tuple[str, ...]  # EU data themes: GOVE government, AGRI agriculture, TECH science and technology…
    files: tuple[tuple[str, str], ...]  # (format, path) of each download
    api_path: str | None = None  # its list in the JSON API, where there is one


# Each feature with open data adds its dataset here.
DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "initiatives",
        "Digital transformation initiatives",
        "Cases of digital-government transformation shared by public servants of the Caribbean: country, "
        "sector, Sustainable Development Goals, stage, outcomes.",
        ("digital government", "innovation", "public service", "Caribbean", "case study"),
        ("GOVE", "TECH"),
        (("CSV", "/initiatives/export.csv"), ("JSON", "/initiatives/export.json")),
        "/api/v1/initiatives",
    ),
    Dataset(
        "labs",
        "Regional innovation labs",
        "The network's innovation labs, among them the Agriculture Innovation Lab: theme, countries, status.",
        ("innovation lab", "Caribbean", "agriculture"),
        ("GOVE", "AGRI"),
        (),
        "/api/v1/labs",
    ),
    Dataset(
        "funding-calls",
        "Funding calls for digital transformation",
        "Calls for funding, loans, technical assistance and prizes open to Caribbean governments: funder, "
        "kind, amounts, eligible countries, sectors, Sustainable Development Goals, dates.",
        ("funding", "grants", "technical assistance", "Caribbean"),
        ("GOVE", "ECON"),
        (("CSV", "/funding/export.csv"), ("JSON", "/funding/export.json")),
    ),
    Dataset(
        "capability-assessments-region",
        "Digital government capability: the regional profile",
        "The distribution of the published team results of the Digital Government Capability Assessment per "
        "dimension, shown once at least three teams from three countries published.",
        ("capability assessment", "digital government", "Caribbean"),
        ("GOVE",),
        (("CSV", "/assessments/region.csv"), ("JSON", "/assessments/region.json")),
    ),
)


def catalogue() -> Graph:
    site = current_app.config["SITE_URL"]
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    catalog = URIRef(f"{site}/catalog")
    publisher = URIRef(f"{site}/#publisher")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add(
        (catalog, DCTERMS.title, Literal("Network of Digital Transformation Agents: open data", lang="en"))
    )
    graph.add((catalog, DCTERMS.description, Literal("The network's open datasets.", lang="en")))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, CC_BY))
    graph.add((catalog, FOAF.homepage, URIRef(f"{site}/")))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal("Network of Digital Transformation Agents")))
    for dataset in DATASETS:
        graph.add((catalog, DCAT.dataset, _dataset(graph, dataset, site, publisher)))
    return graph


def _dataset(graph: Graph, dataset: Dataset, site: str, publisher: URIRef) -> URIRef:
    node = URIRef(f"{site}/catalog#{dataset.slug}")
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset.slug)))
    graph.add((node, DCTERMS.title, Literal(dataset.title, lang="en")))
    graph.add((node, DCTERMS.description, Literal(dataset.description, lang="en")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.license, CC_BY))
    graph.add((node, DCTERMS.accrualPeriodicity, EU_FREQUENCY.CONT))  # updated as members post
    graph.add((node, DCAT.landingPage, URIRef(f"{site}/api/docs")))
    contact = URIRef(f"{site}/catalog#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal("Network of Digital Transformation Agents")))
    graph.add((node, DCAT.contactPoint, contact))
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="en")))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, EU_THEME[theme]))
    for file_format, path in dataset.files:
        _distribution(graph, node, f"{dataset.slug}-{file_format.lower()}", file_format, site + path, site)
    if dataset.api_path:
        _distribution(graph, node, f"{dataset.slug}-api", "JSON", site + dataset.api_path, site, api=True)
    return node


def _distribution(graph, dataset, slug, file_format, url, site, api=False) -> None:
    node = URIRef(f"{site}/catalog#{slug}")
    graph.add((dataset, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(f"{'API' if api else file_format}: {slug}", lang="en")))
    graph.add((node, DCAT.accessURL, URIRef(url)))
    if not api:
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add(
        (
            node,
            DCAT.mediaType,
            URIRef(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[file_format]}"),
        )
    )
    graph.add((node, DCTERMS.format, EU_FILE_TYPE[file_format]))
    graph.add((node, DCTERMS.license, CC_BY))
    if api:
        service = URIRef(f"{site}/api/v1/openapi.json")
        graph.add((node, DCAT.accessService, service))
        graph.add((service, RDF.type, DCAT.DataService))
        graph.add((service, DCTERMS.title, Literal("The network's JSON API", lang="en")))
        graph.add((service, DCAT.endpointURL, URIRef(f"{site}/api/v1")))
        graph.add((service, DCAT.endpointDescription, service))


@bp.route("/catalog.jsonld")
def jsonld():
    body = catalogue().serialize(format="json-ld")
    return Response(body, mimetype="application/ld+json", headers={"Access-Control-Allow-Origin": "*"})


@bp.route("/catalog.ttl")
def turtle():
    body = catalogue().serialize(format="turtle")
    return Response(body, mimetype="text/turtle", headers={"Access-Control-Allow-Origin": "*"})
