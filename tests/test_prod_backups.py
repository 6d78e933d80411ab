"""Backups: ``backup DIR`` then ``restore`` gives back every row and every uploaded file."""

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from community.auth.models import User
from community.backups import services
from community.extensions import db
from community.forum.models import Initiative
from tests.factories import get_user, make_comment, make_initiative, make_user
from tests.images import picture
from tests.test_profiles_avatar import upload


@pytest.fixture
def site(app, client, sign_in):
    """Members, an initiative with a comment, and an avatar file in the uploads."""
    with app.app_context():
        author = make_user(username="keeper", email="keeper@gov.example")
        initiative = make_initiative(author, title="Registry of fishers")
        make_comment(initiative, make_user(username="reader"), body="Useful, thank you")
    sign_in("keeper")
    assert upload(client, picture(color=(1, 2, 3))).status_code == 302
    return Path(app.config["UPLOAD_FOLDER"])


def _snapshot(app, uploads: Path) -> tuple[dict, dict]:
    with app.app_context():
        counts = services.row_counts()
        db.session.remove()
    files = {str(p.relative_to(uploads)): p.read_bytes() for p in uploads.rglob("*") if p.is_file()}
    return counts, files


def test_backup_then_restore_loses_nothing(app, site, tmp_path):
    before = _snapshot(app, site)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["backup", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    [folder] = list((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"]["users"] == 2 and manifest["rows"]["initiatives"] == 1
    assert manifest["uploads"] and (folder / "uploads.tar.gz").exists()

    # Disaster: rows deleted, new rows added, uploads gone.
    with app.app_context():
        db.session.execute(delete(Initiative))
        make_user(username="newcomer")
        db.session.commit()
    for path in sorted(site.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert _snapshot(app, site) != before

    result = runner.invoke(args=["restore", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot(app, site) == before
    with app.app_context():
        assert db.session.scalar(select(Initiative.title)) == "Registry of fishers"
        assert get_user("newcomer") is None and get_user("keeper").email == "keeper@gov.example"
        assert db.session.scalar(select(User.password_hash).where(User.username == "keeper"))
    assert list(site.parent.glob("uploads.before-restore-*"))  # what the restore replaced is kept


def test_restore_refuses_a_folder_that_is_not_a_backup(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path), "--yes"])
    assert result.exit_code != 0 and "not a backup folder" in result.output
