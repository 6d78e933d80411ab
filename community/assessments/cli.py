"""``flask --app community assessments load FILE``: load a framework file, all of it or nothing."""

import click
from flask import Flask
from flask.cli import AppGroup

from community.assessments import framework as framework_file
from community.assessments import services
from community.assessments.errors import AssessmentError

assessments_cli = AppGroup("assessments", help="Capability assessment frameworks.")


@assessments_cli.command("load")
@click.argument("path", type=click.Path(dir_okay=False))
def load(path: str) -> None:
    """Check a framework file and load it; every mistake is reported with its line."""
    try:
        data = framework_file.read(path)
        found = services.load_framework(data)
    except framework_file.FrameworkFileError as error:
        lines = [f"{path}:{problem.line}: {problem.reason}" for problem in error.problems]
        raise click.ClickException("The framework was not loaded:\n" + "\n".join(lines)) from error
    except AssessmentError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(
        f"Loaded {found.key} version {found.version}: {len(found.dimensions)} dimensions, "
        f"{len(found.statement_ids)} statements."
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(assessments_cli)
