"""Command-line tasks: `flask demo-data`, `flask rotate-notes-key`."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from mediator_portal.extensions import db
from mediator_portal.features import features


@click.command("demo-data")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database holds data.")
@with_appcontext  # add_command, unlike app.cli.command, does not push the app context
def demo_data_command(if_empty: bool) -> None:
    """Load every feature's demo data (idempotent; never in production)."""
    if current_app.config["CONFIG_NAME"] == "production":
        raise click.ClickException("demo-data refuses to run with the production configuration")
    demos = [feature.demo for feature in features() if feature.demo is not None]
    if if_empty and any(demo.present(db.session) for demo in demos):
        click.echo("The database already holds data; demo data not loaded.")
        return
    added: dict[str, int] = {}
    for demo in demos:
        added.update(demo.load(db.session))
    db.session.commit()
    counts = ", ".join(f"{count} {name}" for name, count in added.items())
    click.echo(f"Demo data added: {counts}.")
    for demo in demos:
        if demo.note:
            click.echo(demo.note)


def register_cli(app: Flask) -> None:
    """Add the commands to `flask`."""
    from mediator_portal.key_rotation import rotate_notes_key_command

    app.cli.add_command(demo_data_command)
    app.cli.add_command(rotate_notes_key_command)
