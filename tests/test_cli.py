"""The command line: accounts without prompts, the demo."""

from community.auth.models import Role, User
from community.extensions import db
from tests.factories import get_user


def test_users_create_makes_a_confirmed_admin(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "Chief@Gov.example",
            "--username",
            "chief",
            "--password",
            "a-long-admin-passphrase",
            "--role",
            "admin",
            "--confirmed",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created admin chief." in result.output
    with app.app_context():
        user = get_user("chief")
        assert user.role == Role.ADMIN and user.confirmed_at and user.email == "chief@gov.example"


def test_users_create_refuses_bad_input_clearly(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(
        args=["users", "create", "--email", "a@gov.example", "--username", "abc", "--password", "password"]
    )
    assert weak.exit_code != 0 and "at least 10" in weak.output
    bad_email = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "nope",
            "--username",
            "abc",
            "--password",
            "a-long-admin-passphrase",
        ]
    )
    assert bad_email.exit_code != 0 and "Error" in bad_email.output
    with app.app_context():
        assert db.session.query(User).count() == 0


def test_seed_demo_fills_an_empty_database_and_refuses_a_used_one(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "caribbean-demo-2026" in first.output
    with app.app_context():
        assert get_user("admin").role == Role.ADMIN
        assert get_user("moderator").role == Role.MODERATOR
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "empty" in again.output
    quiet = runner.invoke(args=["seed-demo", "--if-empty"])
    assert quiet.exit_code == 0 and "no demo added" in quiet.output
