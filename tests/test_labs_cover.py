"""A lab's cover picture: leads and moderators upload it; only real pictures, re-encoded and cropped."""

import io
from pathlib import Path

import pytest
from PIL import Image

from community.auth.models import Role
from community.extensions import db
from tests.factories import add_member, get_lab, get_user, make_lab, make_user
from tests.images import halves, picture, png_claiming

SLUG = "cover-lab"


def upload(client, data: bytes, name="cover.png", mimetype="image/png", slug=SLUG):
    # Encoded by hand: the test client spools large bodies to a file it never closes.
    body = (
        f'--XyZ\r\nContent-Disposition: form-data; name="picture"; filename="{name}"\r\n'
        f"Content-Type: {mimetype}\r\n\r\n".encode()
        + data
        + b"\r\n--XyZ--\r\n"
    )
    return client.post(f"/labs/{slug}/cover", data=body, content_type="multipart/form-data; boundary=XyZ")


def cover_key(app, slug=SLUG) -> str | None:
    with app.app_context():
        return get_lab(slug).cover


def cover_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "lab-covers"
    return sorted(folder.glob("*")) if folder.exists() else []


@pytest.fixture(autouse=True)
def empty_cover_folder(app):
    for path in cover_files(app):
        path.unlink()


@pytest.fixture
def lead(app, sign_in):
    """A signed-in lead of the cover lab."""
    with app.app_context():
        username = make_user(username="lead").username
        make_lab("Cover Lab", lead=get_user(username))
    sign_in(username)
    return username


@pytest.mark.parametrize(
    ("fmt", "mimetype"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_a_lead_uploads_a_cover_stored_as_a_banner_and_a_card(app, client, lead, fmt, mimetype):
    response = upload(client, picture(fmt, size=(1600, 900)), name="x.bin", mimetype=mimetype)
    assert response.status_code == 302 and response.headers["Location"] == f"/labs/{SLUG}/edit"
    key = cover_key(app)
    assert key and len(key) == 32
    files = cover_files(app)
    assert [path.name for path in files] == [f"{key}-1200x400.webp", f"{key}-600x200.webp"]
    for path, size in zip(files, ((1200, 400), (600, 200)), strict=True):
        with Image.open(path) as image:
            assert (image.format, image.size) == ("WEBP", size)
    assert "The cover picture is saved." in client.get(f"/labs/{SLUG}/edit").get_data(as_text=True)


def test_the_cover_is_stripped_of_its_metadata(app, client, lead):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0132] = "2020:01:01 10:00:00"
    assert upload(client, halves((900, 300), exif.tobytes()), mimetype="image/jpeg").status_code == 302
    for path in cover_files(app):
        data = path.read_bytes()
        assert b"SecretCam" not in data and b"Exif" not in data and b"2020:01:01" not in data


def test_the_cover_shows_on_the_lab_page_and_the_directory_card(app, client, lead):
    upload(client, picture())
    key = cover_key(app)
    page = client.get(f"/labs/{SLUG}").get_data(as_text=True)
    assert f'src="/labs/covers/1200x400/{key}.webp"' in page
    assert f"/labs/covers/600x200/{key}.webp 600w" in page
    assert 'alt="" width="1200" height="400"' in page  # decorative: the heading names the lab
    cards = client.get("/labs/").get_data(as_text=True)
    assert f'<img class="lab-card-cover" src="/labs/covers/600x200/{key}.webp" alt=""' in cards


def test_the_cover_is_served_with_far_future_cache_headers(app, client, lead):
    upload(client, picture())
    key = cover_key(app)
    for size in ("1200x400", "600x200"):
        response = client.get(f"/labs/covers/{size}/{key}.webp")
        assert response.status_code == 200 and response.mimetype == "image/webp"
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        response.close()


@pytest.mark.parametrize(
    "path",
    [
        "/labs/covers/1200x400/nothex.webp",
        "/labs/covers/64/" + "a" * 32 + ".webp",
        "/labs/covers/1200x401/" + "a" * 32 + ".webp",
        "/labs/covers/1200x400/" + "a" * 32 + ".webp",
        "/labs/covers/1200x400/../../secret_key.webp",
    ],
)
def test_unknown_cover_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_new_cover_replaces_the_old_files(app, client, lead):
    upload(client, picture(color=(10, 10, 10)))
    first = cover_key(app)
    upload(client, picture(color=(250, 250, 250)))
    second = cover_key(app)
    assert first != second
    assert [path.name for path in cover_files(app)] == [f"{second}-1200x400.webp", f"{second}-600x200.webp"]
    response = client.get(f"/labs/covers/600x200/{first}.webp")
    assert response.status_code == 404


def test_the_remove_button_takes_the_cover_off_and_deletes_its_files(app, client, lead):
    upload(client, picture())
    assert "Remove the cover" in client.get(f"/labs/{SLUG}/edit").get_data(as_text=True)
    response = client.post(f"/labs/{SLUG}/cover/remove")
    assert response.status_code == 302
    assert cover_key(app) is None and cover_files(app) == []
    page = client.get(f"/labs/{SLUG}/edit").get_data(as_text=True)
    assert "The cover picture is removed." in page and "Remove the cover" not in page
    assert "/labs/covers/" not in client.get(f"/labs/{SLUG}").get_data(as_text=True)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("data", "name", "mimetype", "message"),
    [
        (b"%PDF-1.4 not a picture", "cover.png", "image/png", "This file is not a picture we accept."),
        (SVG, "cover.svg", "image/svg+xml", "This file is not a picture we accept."),
        (picture("GIF"), "cover.gif", "image/gif", "This file is not a picture we accept."),
        (picture("PNG")[:60], "cut.png", "image/png", "This file is not a picture we accept."),
        (png_claiming(50_000, 50_000), "bomb.png", "image/png", "The picture is too large"),
        (b"", "empty.png", "image/png", "The file is empty."),
    ],
)
def test_files_that_are_not_fit_pictures_are_refused_and_nothing_is_stored(
    app, client, lead, data, name, mimetype, message
):
    response = upload(client, data, name=name, mimetype=mimetype)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page  # next to the field
    assert 'id="name"' in page  # the rest of the edit page is there
    assert cover_key(app) is None and cover_files(app) == []


def test_a_form_without_a_file_asks_for_one(app, client, lead):
    response = client.post(f"/labs/{SLUG}/cover", data={})
    assert response.status_code == 400
    assert "Choose a picture to upload." in response.get_data(as_text=True)


def test_a_cover_over_five_megabytes_is_refused(app, client, lead):
    noise = io.BytesIO()
    Image.effect_noise((2400, 2400), 100).convert("RGB").save(noise, "PNG")
    assert len(noise.getvalue()) > 5 * 1024 * 1024
    response = upload(client, noise.getvalue())
    assert response.status_code == 400
    assert "The image is larger than 5 MB." in response.get_data(as_text=True)
    assert cover_key(app) is None and cover_files(app) == []


def test_a_body_past_the_request_limit_says_so_next_to_the_field(app, client, lead):
    response = upload(client, b"\0" * (17 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The image is larger than 5 MB." in page and 'id="name"' in page
    assert cover_key(app) is None


def test_a_failed_upload_keeps_the_previous_cover(app, client, lead):
    upload(client, picture())
    key = cover_key(app)
    assert upload(client, SVG, name="x.svg", mimetype="image/svg+xml").status_code == 400
    assert cover_key(app) == key and len(cover_files(app)) == 2


@pytest.mark.parametrize(("who", "status"), [("visitor", 302), ("member", 403), ("moderator", 302)])
def test_who_may_change_the_cover(app, client, sign_in, who, status):
    with app.app_context():
        lab = make_lab("Cover Lab")
        add_member(lab)
        people = {"member": make_user(), "moderator": make_user(role=Role.MODERATOR)}
        usernames = {name: user.username for name, user in people.items()}
    if who in usernames:
        sign_in(usernames[who])
    response = upload(client, picture())
    assert response.status_code == status
    removal = client.post(f"/labs/{SLUG}/cover/remove")
    assert removal.status_code == status
    if who == "moderator":
        assert response.headers["Location"] == f"/labs/{SLUG}/edit"
    else:
        assert cover_key(app) is None and cover_files(app) == []


def test_declining_a_proposal_deletes_its_cover(app, client, sign_in):
    with app.app_context():
        make_lab("Cover Lab", approve=False)
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    assert upload(client, picture()).status_code == 302
    assert len(cover_files(app)) == 2
    response = client.post(f"/labs/{SLUG}/decline", data={"reason": "Out of scope."})
    assert response.status_code == 302
    with app.app_context():
        assert get_lab(SLUG) is None
        db.session.remove()
    assert cover_files(app) == []


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_huge_body_from_someone_who_may_not_upload_is_a_plain_413(app, client, sign_in, monkeypatch, who):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # the CSRF check reads the body first
    with app.app_context():
        make_lab("Cover Lab")
        username = make_user().username
    if who == "member":
        sign_in(username)
    response = upload(client, b"\0" * (17 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "What you sent is too large" in page and 'id="name"' not in page
