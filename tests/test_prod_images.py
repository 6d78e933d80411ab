"""Issue 13.5: no image amplification: a tiny PNG claiming 8000x5000 is refused before decoding,
big pictures are reduced before any conversion, and members' uploads are limited."""

import io
import time

from PIL import Image

from community import images
from tests.images import picture, png_claiming
from tests.test_profiles_avatar import avatar_files, avatar_key, upload


def test_a_tiny_png_claiming_8000_by_5000_is_refused_at_once(app, client, signed_in_member):
    data = png_claiming(8000, 5000)
    assert len(data) < 100
    files_before = avatar_files(app)
    started = time.perf_counter()
    response = upload(client, data)
    assert response.status_code == 400 and "too large" in response.get_data(as_text=True)
    assert time.perf_counter() - started < 1.0
    assert avatar_key(app, signed_in_member) is None and avatar_files(app) == files_before


def test_a_real_8000_by_5000_png_of_a_few_kilobytes_is_refused_too(app, client, signed_in_member):
    buffer = io.BytesIO()
    Image.new("P", (8000, 5000), 3).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 20_000
    response = upload(client, buffer.getvalue())
    assert response.status_code == 400 and "too large" in response.get_data(as_text=True)


def test_pictures_are_reduced_before_they_are_converted(monkeypatch):
    buffer = io.BytesIO()
    Image.new("P", (4000, 3000), 3).save(buffer, "PNG")
    converted = []
    original = Image.Image.convert

    def spy(self, mode=None, *args, **kwargs):
        converted.append((self.size, mode))
        return original(self, mode, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "convert", spy)
    variants = images.fitted_variants(images.open_image(buffer.getvalue()), ((256, 256), (64, 64)))
    assert set(variants) == {(256, 256), (64, 64)}
    assert converted and all(width * height <= 1024 * 1024 for (width, height), _mode in converted)


def test_a_jpeg_is_decoded_at_a_reduced_scale_when_that_is_enough():
    data = picture("JPEG", size=(4000, 3000))
    assert images.open_image(data, target=(256, 256)).size[0] <= 1000
    assert images.open_image(data).size == (4000, 3000)


def test_members_upload_a_limited_number_of_pictures(app, client, signed_in_member, rate_limits, monkeypatch):
    monkeypatch.setitem(app.config, "IMAGE_UPLOAD_LIMITS", "3 per hour")
    for shade in range(3):
        assert upload(client, picture(color=(shade, shade, shade))).status_code == 302
    assert upload(client, picture(color=(9, 9, 9))).status_code == 429
