"""Fixtures of the deployment tests: a PostgreSQL database and a Redis channel of their own.

Without PostgreSQL or Redis these tests skip with the reason; under CI=true they fail.
"""

import os
import secrets

import psycopg
import pytest
import redis

from tests.conftest import POSTGRES_ADMIN_URL
from tests.support import skip_or_fail

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def redis_settings() -> dict:
    """Redis for the message queue and the limiter, with a channel and key prefix unique to
    this run, so that parallel runs never hear each other."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    run = f"mediator-portal-test-{secrets.token_hex(4)}"
    return {
        "SOCKETIO_MESSAGE_QUEUE": REDIS_URL,
        "SOCKETIO_CHANNEL": run,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": run,
    }


@pytest.fixture(scope="module")
def postgres_url():
    """A fresh PostgreSQL database for the servers of one module; dropped afterwards."""
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        skip_or_fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}")
    name = f"mediator_portal_deploy_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
