"""Where the encryption keys come from: NOTES_KEYS, refused in production when missing or
malformed; outside production a key generated once into NOTES_KEY_FILE, mode 0600."""

import stat
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.fernet import Fernet

import config
from mediator_portal import create_app, crypto

STRONG = "k" * 8 + "9f3c1e7a0b6d4f2e8a5c3b1d7e9f0a2c"


@pytest.fixture
def production_env(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", STRONG)
    monkeypatch.setenv("PUBLIC_URL", "https://portal.example.org")
    monkeypatch.delenv("NOTES_KEYS", raising=False)


@pytest.mark.parametrize("value", [None, "", " , "], ids=["unset", "empty", "commas"])
def test_production_refuses_to_start_without_a_key(production_env, monkeypatch, value):
    if value is not None:
        monkeypatch.setenv("NOTES_KEYS", value)
    with pytest.raises(RuntimeError, match="NOTES_KEYS must be set"):
        config.get_config("production")
    with pytest.raises(RuntimeError, match="NOTES_KEYS"):
        create_app("production")


@pytest.mark.parametrize("name", ["production", "development"])
def test_a_key_that_is_no_fernet_key_is_refused_at_start(production_env, monkeypatch, name):
    monkeypatch.setenv("NOTES_KEYS", f"{Fernet.generate_key().decode()},not-a-key")
    with pytest.raises(RuntimeError, match="key 2 is not a Fernet key"):
        config.get_config(name)


def test_production_starts_with_keys(production_env, monkeypatch):
    keys = f"{Fernet.generate_key().decode()}, {Fernet.generate_key().decode()}"
    monkeypatch.setenv("NOTES_KEYS", keys)
    assert config.get_config("production")["NOTES_KEYS"] == keys


def test_production_never_falls_back_to_a_key_file(tmp_path):
    settings = {"CONFIG_NAME": "production", "NOTES_KEY_FILE": str(tmp_path / "notes.key")}
    with pytest.raises(crypto.MissingKey):
        crypto.configured_keys(settings)
    assert not (tmp_path / "notes.key").exists()


def test_development_generates_a_key_once_into_a_private_file(tmp_path):
    path = tmp_path / "instance" / "notes.key"
    settings = {"CONFIG_NAME": "development", "NOTES_KEYS": "", "NOTES_KEY_FILE": str(path)}
    [first] = crypto.configured_keys(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    Fernet(first)  # a usable key
    assert crypto.configured_keys(settings) == [first]  # kept, not made again


def test_keys_set_in_the_environment_win_over_the_file(tmp_path):
    key = Fernet.generate_key()
    path = tmp_path / "notes.key"
    settings = {"CONFIG_NAME": "development", "NOTES_KEYS": key.decode(), "NOTES_KEY_FILE": path}
    assert crypto.configured_keys(settings) == [key]
    assert not path.exists()


def test_the_default_key_files_live_in_instance(monkeypatch):
    monkeypatch.delenv("NOTES_KEY_FILE", raising=False)
    assert config.get_config("development")["NOTES_KEY_FILE"].endswith("instance/notes.key")
    testing = config.get_config("testing")["NOTES_KEY_FILE"]
    assert testing.endswith("instance/notes-testing.key")


def test_processes_starting_together_agree_on_one_key(tmp_path):
    path = tmp_path / "notes.key"
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = list(pool.map(lambda _: crypto.key_file(path), range(16)))
    assert len(set(keys)) == 1 and keys[0]
    assert [item.name for item in tmp_path.iterdir()] == ["notes.key"]  # no temporary left
