"""Where a lab's cover picture lives, in the sizes the pages use (community.images checks it)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from community import images

BANNER = (1200, 400)  # the lab page; 3:1
CARD = (600, 200)  # the directory cards, and the banner on narrow screens
COVER_SIZES = (BANNER, CARD)


def cover_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "lab-covers"


def store(data: bytes, lab_id: int) -> str:
    """Verify, re-encode and write the cover in every size; its key (raises ImageError)."""
    return images.store_fitted(data, cover_folder(), COVER_SIZES, salt=f"lab-{lab_id}").key


def remove_files(key: str | None) -> None:
    """Delete every size of a cover that no lab shows any more (after the commit that dropped it)."""
    images.remove(cover_folder(), key, COVER_SIZES)
