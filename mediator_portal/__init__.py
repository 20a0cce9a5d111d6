"""Mediator Portal: the application factory. It only wires; it never writes or migrates."""

from pathlib import Path
from typing import Any

from flask import Flask

from config import get_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app for `config_name` ("development", "testing", "production").

    Raises RuntimeError when the configuration is unsafe (production without a secret).
    """
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_mapping(get_config(config_name))
    app.config.update(overrides or {})
    register_extensions(app)
    register_features(app)
    register_hooks(app)
    register_commands(app)
    register_proxies(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of `extensions.py` to `app`."""
    from mediator_portal import (
        after_commit,
        database,
        fulltext,  # noqa: F401 - its table
        i18n,
        jobs,
        realtime_origin,
        realtime_queue,
        sent_pruning,  # noqa: F401 - its nightly job registers on the queue
        storage_jobs,  # noqa: F401 - its jobs, known to the worker
        storage_models,  # noqa: F401 - its table
    )
    from mediator_portal.arguments import IdConverter
    from mediator_portal.extensions import babel, csrf, db, limiter, mail, migrate, socketio

    # Before any route is added: every <int:…> in a URL is range-checked.
    app.url_map.converters["int"] = IdConverter
    db.init_app(app)
    with app.app_context():
        database.install_pragmas(db.engine)
    after_commit.install(db.session)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    mail.init_app(app)
    queue = app.config["SOCKETIO_MESSAGE_QUEUE"]
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=queue,
        client_manager=realtime_queue.client_manager(queue, app.config["SOCKETIO_CHANNEL"]),
        manage_session=False,
        cors_allowed_origins=realtime_origin.origin_check(app),
    )
    realtime_origin.quiet_refusals(socketio.server.eio)
    jobs.init_app(app)


def register_features(app: Flask) -> None:
    """Every feature of `features.FEATURES`: its blueprint, audit actions, own wiring."""
    from mediator_portal.features import register_features as register

    register(app)


def register_hooks(app: Flask) -> None:
    """Access control, language, security headers, error pages and template helpers."""
    from mediator_portal import i18n, security, templating
    from mediator_portal.arguments import refuse_json_that_is_not_an_object
    from mediator_portal.errors import register_errors
    from mediator_portal.permissions import enforce_access

    i18n.register_i18n(app)  # first, so a redirect to the login page keeps ?lang=
    app.before_request(enforce_access)
    app.before_request(refuse_json_that_is_not_an_object)
    security.register_security(app)
    register_errors(app)
    templating.register_templating(app)


def register_proxies(app: Flask) -> None:
    """Believe the X-Forwarded-* headers of `TRUSTED_PROXIES` reverse proxies; outermost,
    around Socket.IO's middleware too."""
    from mediator_portal.security import trust_proxies

    trust_proxies(app)


def register_commands(app: Flask) -> None:
    """`flask demo-data` and friends."""
    from mediator_portal.cli import register_cli

    register_cli(app)
