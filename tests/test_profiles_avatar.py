"""Avatar uploads: only real pictures, checked, re-encoded, stripped, resized; everything else refused."""

import io
from pathlib import Path

import pytest
from PIL import Image

from community.extensions import db
from community.profiles.models import Profile
from tests.factories import get_user
from tests.images import halves, picture, png_claiming


def upload(client, data: bytes, name="me.png", mimetype="image/png"):
    # Encoded by hand: the test client spools large bodies to a file it never closes.
    body = (
        f'--XyZ\r\nContent-Disposition: form-data; name="picture"; filename="{name}"\r\n'
        f"Content-Type: {mimetype}\r\n\r\n".encode()
        + data
        + b"\r\n--XyZ--\r\n"
    )
    return client.post("/settings/avatar", data=body, content_type="multipart/form-data; boundary=XyZ")


def avatar_key(app, username) -> str | None:
    with app.app_context():
        return db.session.get(Profile, get_user(username).id).avatar_key


def avatar_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "avatars"
    return sorted(folder.glob("*")) if folder.exists() else []


@pytest.fixture(autouse=True)
def empty_avatar_folder(app):
    for path in avatar_files(app):
        path.unlink()


@pytest.mark.parametrize(
    ("fmt", "mimetype"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_member_uploads_a_picture_stored_as_two_squares(app, client, signed_in_member, fmt, mimetype):
    response = upload(client, picture(fmt, size=(900, 600)), name="me.img", mimetype=mimetype)
    assert response.status_code == 302
    key = avatar_key(app, signed_in_member)
    assert key and len(key) == 32
    files = avatar_files(app)
    assert [path.name for path in files] == [f"{key}-256.webp", f"{key}-64.webp"]
    for path, size in zip(files, (256, 64), strict=True):
        with Image.open(path) as image:
            assert (image.format, image.size) == ("WEBP", (size, size))


def test_avatar_is_served_with_far_future_cache_headers(app, client, signed_in_member):
    upload(client, picture())
    key = avatar_key(app, signed_in_member)
    response = client.get(f"/members/avatars/64/{key}.webp")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    response.close()
    page = client.get(f"/members/{signed_in_member}").get_data(as_text=True)
    assert f"/members/avatars/256/{key}.webp" in page


@pytest.mark.parametrize(
    "path",
    [
        "/members/avatars/64/nothex.webp",
        "/members/avatars/65/" + "a" * 32 + ".webp",
        "/members/avatars/64/" + "a" * 32 + ".webp",
    ],
)
def test_unknown_avatar_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_metadata_is_stripped_and_orientation_applied(app, client, signed_in_member):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x9003] = "2024:01:01 10:00:00"
    source = halves(exif=exif.tobytes())
    assert b"SecretCam" in source
    assert upload(client, source, name="me.jpg", mimetype="image/jpeg").status_code == 302
    key = avatar_key(app, signed_in_member)
    stored = (Path(app.config["UPLOAD_FOLDER"]) / "avatars" / f"{key}-256.webp").read_bytes()
    assert b"SecretCam" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        rgb = image.convert("RGB")
        top_right, bottom_left = rgb.getpixel((230, 25)), rgb.getpixel((25, 230))
    assert top_right[0] > 200 and top_right[2] < 60  # red: the left half turned to the top
    assert bottom_left[2] > 200 and bottom_left[0] < 60  # blue at the bottom


REFUSED = {
    "a text file": (b"hello, I am not a picture\n" * 20, "notes.txt", "text/plain"),
    "a text file named .png": (b"hello, I am not a picture\n" * 20, "me.png", "image/png"),
    "an SVG": (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
        "me.svg",
        "image/svg+xml",
    ),
    "a GIF": (picture("GIF"), "me.gif", "image/gif"),
    "a truncated PNG": (picture(size=(400, 400))[:200], "me.png", "image/png"),
    "an empty file": (b"", "me.png", "image/png"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_is_not_an_accepted_picture_is_refused_with_a_message(app, client, signed_in_member, case):
    data, name, mimetype = REFUSED[case]
    response = upload(client, data, name, mimetype)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert "JPEG, PNG or WebP" in page or "empty" in page or "Choose a picture" in page
    assert avatar_key(app, signed_in_member) is None
    assert avatar_files(app) == []


def test_a_picture_over_5_mb_is_refused(app, client, signed_in_member):
    big = picture("PNG", size=(16, 16)) + b"\0" * (5 * 1024 * 1024)
    response = upload(client, big)
    assert response.status_code == 400
    assert "larger than 5 MB" in response.get_data(as_text=True)
    assert avatar_key(app, signed_in_member) is None


def test_a_50_mb_upload_gets_413_with_the_message_on_the_form(app, client, signed_in_member):
    response = upload(client, b"\0" * (50 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "larger than 5 MB" in page and 'type="file"' in page
    assert avatar_key(app, signed_in_member) is None


def test_a_too_large_request_elsewhere_shows_the_413_page_to_members(client, signed_in_member):
    response = client.post("/settings/password", data={"current_password": "x" * (17 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "size",
    [(30_000, 30_000), (7_000, 7_000), (9_000, 10), (100_000, 1)],
    ids=["bomb", "many pixels", "wide", "huge"],
)
def test_decompression_bombs_and_huge_dimensions_are_refused(app, client, signed_in_member, size):
    response = upload(client, png_claiming(*size))
    assert response.status_code == 400
    assert "too large" in response.get_data(as_text=True)
    assert avatar_key(app, signed_in_member) is None
    assert avatar_files(app) == []


def test_a_real_picture_too_wide_is_refused(app, client, signed_in_member):
    response = upload(client, picture("PNG", size=(8_500, 2)))
    assert response.status_code == 400 and "too large" in response.get_data(as_text=True)


def test_a_new_picture_replaces_the_old_files_and_remove_deletes_them(app, client, signed_in_member):
    upload(client, picture(color=(10, 10, 10)))
    first = avatar_key(app, signed_in_member)
    upload(client, picture(color=(250, 250, 250)))
    second = avatar_key(app, signed_in_member)
    assert first != second
    assert [path.name for path in avatar_files(app)] == sorted([f"{second}-256.webp", f"{second}-64.webp"])
    assert client.post("/settings/avatar/remove").status_code == 302
    assert avatar_key(app, signed_in_member) is None and avatar_files(app) == []


def test_deleting_the_account_deletes_the_profile_and_the_picture(app, client, signed_in_member):
    from tests.factories import DEFAULT_PASSWORD

    upload(client, picture())
    assert avatar_files(app)
    response = client.post("/settings/delete", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Profile)) == 0
    assert avatar_files(app) == []


def test_visitors_cannot_upload(client):
    response = upload(client, picture())
    assert response.status_code == 302 and "/auth/login" in response.location
