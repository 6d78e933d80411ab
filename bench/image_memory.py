"""Time and peak memory of one picture upload's processing (issue 13.5), one kind per process.

.venv/bin/python -m bench.image_memory bomb        # a 69-byte PNG claiming 8000x5000
.venv/bin/python -m bench.image_memory solidp40    # a real 8000x5000 palette PNG of ~14 KB
.venv/bin/python -m bench.image_memory solidp16    # a real 4000x4000 palette PNG (16 MP)
.venv/bin/python -m bench.image_memory solidrgb16  # a real 4000x4000 RGB PNG
.venv/bin/python -m bench.image_memory jpeg16      # a 4000x4000 JPEG of noise
"""

import io
import resource
import sys
import time

from PIL import Image

from community import images
from tests.images import png_claiming

BOXES = ((256, 256), (64, 64))  # the avatar's sizes


def sample(kind: str) -> bytes:
    if kind == "bomb":
        return png_claiming(8000, 5000)
    buffer = io.BytesIO()
    if kind == "jpeg16":
        Image.effect_noise((4000, 4000), 64).convert("RGB").save(buffer, "JPEG")
    else:
        size = (8000, 5000) if kind.endswith("40") else (4000, 4000)
        mode = "P" if kind.startswith("solidp") else "RGB"
        Image.new(mode, size, 3 if mode == "P" else (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def main(kind: str) -> None:
    data = sample(kind)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        images.fitted_variants(images.open_image(data, target=BOXES[0]), BOXES)
        outcome = "processed"
    except images.ImageError:
        outcome = "refused"
    elapsed = time.perf_counter() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"{kind}: {len(data)} bytes, {outcome} in {elapsed:.2f} s, peak memory +{peak:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bomb")
