"""Settings: defaults, overrides, and one error listing every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.settings import ConfigError, load_settings


def test_defaults_put_everything_under_home(tmp_path: Path) -> None:
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'paperfeed.db'}"
    assert settings.drop_dir == tmp_path / "drop"
    assert settings.public_dir == tmp_path / "public"
    assert settings.embedded
    assert settings.base_url == "http://127.0.0.1:8080"
    assert settings.timezone == "Asia/Shanghai"


def test_folders_can_be_set_one_by_one(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "PAPERFEED_HOME": str(tmp_path),
            "PAPERFEED_DROP_DIR": str(tmp_path / "ftp"),
            "PAPERFEED_PUBLIC_DIR": str(tmp_path / "www"),
        }
    )
    assert settings.drop_dir == tmp_path / "ftp"
    assert settings.public_dir == tmp_path / "www"


def test_plain_postgresql_url_uses_psycopg3() -> None:
    settings = load_settings({"DATABASE_URL": "postgresql://u@db/paperfeed"})
    assert settings.database_url == "postgresql+psycopg://u@db/paperfeed"


def test_redis_broker_turns_off_the_embedded_one() -> None:
    settings = load_settings({"CELERY_BROKER_URL": "redis://localhost:6379/0"})
    assert not settings.embedded
    assert settings.broker_url == "redis://localhost:6379/0"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {
                "PAPERFEED_PORT": "eighty",
                "PAPERFEED_TIMEZONE": "Mars/Olympus",
                "DATABASE_URL": "mysql://x",
                "CELERY_BROKER_URL": "amqp://guest@localhost//",
            }
        )
    message = str(caught.value)
    for name in ("PAPERFEED_PORT", "PAPERFEED_TIMEZONE", "DATABASE_URL", "CELERY_BROKER_URL"):
        assert name in message


def test_base_url_for_a_wildcard_host_names_loopback() -> None:
    settings = load_settings({"PAPERFEED_HOST": "0.0.0.0", "PAPERFEED_PORT": "9000"})
    assert settings.base_url == "http://127.0.0.1:9000"


def test_ensure_dirs_creates_the_embedded_broker_folders(tmp_path: Path) -> None:
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path / "h")})
    settings.ensure_dirs()
    for path in (
        settings.drop_dir,
        settings.public_dir,
        settings.work_dir,
        settings.broker_dir / "queue",
    ):
        assert path.is_dir()


def test_publishing_to_s3_without_the_s3_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "boto3" else real(name, *a)
    )
    with pytest.raises(ConfigError, match=r"paperfeed\[s3\]"):
        load_settings({"PAPERFEED_PUBLISH_TO": "s3://bucket/feeds"})


def test_icon_is_a_png_that_can_be_a_favicon(tmp_path: Path) -> None:
    from feeds.icons import default_icon

    icon = tmp_path / "logo.png"
    icon.write_bytes(default_icon())
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path), "PAPERFEED_ICON": str(icon)})
    assert settings.icon == icon
    assert load_settings({"PAPERFEED_HOME": str(tmp_path)}).icon is None
    (tmp_path / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0 a JPEG")
    environ = {"PAPERFEED_HOME": str(tmp_path), "PAPERFEED_ICON": str(tmp_path / "logo.jpg")}
    with pytest.raises(ConfigError, match=r"PAPERFEED_ICON=.*not a PNG image"):
        load_settings(environ)
    environ["PAPERFEED_ICON"] = str(tmp_path / "missing.png")
    with pytest.raises(ConfigError, match=r"PAPERFEED_ICON=.*cannot be read"):
        load_settings(environ)


def test_an_unknown_paperfeed_variable_is_a_warning_naming_the_nearest_setting() -> None:
    from worker.variables import unknown_variables

    settings = load_settings({"PAPERFEED_MAX_BYTE": "5", "PAPERFEED_TEST_REDIS": "redis://x"})
    assert settings.max_bytes == 20_000_000  # the typo changed nothing
    assert settings.warnings == (
        "PAPERFEED_MAX_BYTE is not a paperfeed setting and is ignored; "
        "did you mean PAPERFEED_MAX_BYTES?",
    )
    assert unknown_variables({"PAPERFEED_COLOUR": "red", "PAPERFEED_UID": "10001"}) == (
        "PAPERFEED_COLOUR is not a paperfeed setting and is ignored; README.md lists the settings",
    )


def test_every_command_reports_an_unknown_variable_at_start(tmp_path: Path) -> None:
    from tests.unit.test_cli_ops import _paperfeed

    result = _paperfeed("sources", "list", home=tmp_path, PAPERFEED_SCAN_INTERVALS="5")
    assert result.stderr.startswith(
        "paperfeed: warning: PAPERFEED_SCAN_INTERVALS is not a paperfeed setting and is "
        "ignored; did you mean PAPERFEED_SCAN_INTERVAL?\n"
    )


def test_the_table_is_where_the_defaults_come_from(tmp_path: Path) -> None:
    from worker.variables import DEFAULTS, SETTINGS

    assert {"PAPERFEED_SCAN_INTERVAL", "PAPERFEED_PORT", "PAPERFEED_TIMEZONE"} <= set(DEFAULTS)
    base = {"PAPERFEED_HOME": str(tmp_path)}
    unset = load_settings(base)
    for setting in SETTINGS:
        if setting.env in DEFAULTS and setting.env != "PAPERFEED_HOME":
            # Set to the documented default, nothing changes; set to another value, it does.
            assert load_settings({**base, setting.env: setting.default}) == unset, setting.env
    assert load_settings({**base, "PAPERFEED_FEED_SIZE": "7"}) != unset
