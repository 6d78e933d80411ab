"""Shared pieces of the forum tests: form data and small files of each kind."""

import io
import zipfile

from PIL import Image

from community.forum.queries import category_by_slug

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSV = b"country,farmers\nJamaica,1200\nSaint Lucia,340\n"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def category_id(slug: str = "agriculture") -> int:
    return category_by_slug(slug).id


def initiative_form(category_value: int, **changes) -> dict:
    """What a member types into the "share an initiative" form."""
    data = {
        "title": "A registry of farmers in Saint Lucia",
        "category": str(category_value),
        "summary": "One register for extension officers, subsidies and disaster relief.",
        "body": "We built a **registry** with the farmers' cooperatives.",
        "outcomes": "2,400 farmers registered in six months.",
        "country": "LC",
        "sector": "agriculture",
        "stage": "pilot",
        "sdgs": ["2", "9"],
        "tags": "Farmers, registry",
        "links": "https://agriculture.gov.lc.example/registry",
        "language": "en",
        "licence": "cc-by-4.0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
