"""Command-line tasks: `flask demo-data`."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from mediator_portal import demo_data
from mediator_portal.extensions import db


@click.command("demo-data")
@click.option("--if-empty", is_flag=True, help="Do nothing when accounts already exist.")
@with_appcontext  # add_command, unlike app.cli.command, does not push the app context
def demo_data_command(if_empty: bool) -> None:
    """Load the demo regions, municipalities and accounts (idempotent; never in production)."""
    if current_app.config["CONFIG_NAME"] == "production":
        raise click.ClickException("demo-data refuses to run with the production configuration")
    if if_empty and not demo_data.is_empty(db.session):
        click.echo("Database already has accounts; demo data not loaded.")
        return
    added = demo_data.load(db.session)
    db.session.commit()
    click.echo(
        "Demo data: {regions} regions, {municipalities} municipalities, {users} accounts added. "
        "Password of every demo account: {password}".format(
            password=demo_data.DEMO_PASSWORD, **added
        )
    )


def register_cli(app: Flask) -> None:
    """Add the commands to `flask`."""
    app.cli.add_command(demo_data_command)
