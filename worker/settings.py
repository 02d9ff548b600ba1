"""Settings: built once from the environment, validated, every problem reported in one error.

This is the only module that reads `os.environ`; the variables it reads, with their defaults,
are listed in `worker.variables`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.errors import FeedError
from feeds.icons import favicon_from_png
from worker.faults import Fault, parse_faults
from worker.variables import DEFAULTS, unknown_variables

T = TypeVar("T")


class ConfigError(Exception):
    """The configuration cannot work; the message lists every problem found."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved to concrete values."""

    home: Path
    database_url: str
    broker_url: str | None
    drop_dir: Path
    public_dir: Path
    base_url: str
    host: str
    port: int
    scan_interval: float
    stable_seconds: float
    lease_seconds: float
    max_bytes: int
    max_attempts: int
    task_time_limit: int
    sources_file: Path
    source: str
    publication: str
    section: str
    timezone: str
    site_title: str
    feed_size: int
    publish_to: str
    s3_endpoint_url: str | None
    websub_hub: str | None
    workers: int
    log_level: str
    publish_delay: float
    publish_max_delay: float
    faults: tuple[Fault, ...]
    log_format: str
    admin_token: str | None
    expect_by: dt.time | None  # the default drop source's; a sources file sets its own
    icon: Path | None  # the site's icon (a PNG); None: paperfeed's own
    status_lang: str | None = None  # "zh-CN" or "en"; None: the browser's, else zh-CN
    # The environment the settings were read from, for the variables a sources file names
    # (a URL source's `credentials_env`); never shown.
    environ: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Worth saying at start, not stopping for: PAPERFEED_ variables paperfeed does not know.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def work_dir(self) -> Path:
        """Claimed files wait here while they are being ingested."""
        return self.home / "work"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def failed_dir(self) -> Path:
        return self.home / "failed"

    @property
    def broker_dir(self) -> Path:
        """Message folder of the embedded broker."""
        return self.home / "broker"

    @property
    def embedded(self) -> bool:
        return self.broker_url is None

    def ensure_dirs(self) -> None:
        """Create every folder paperfeed writes to; ConfigError names one that cannot be."""
        folders = [self.home, self.drop_dir, self.public_dir, self.work_dir]
        folders += [self.archive_dir, self.failed_dir]
        if self.embedded:
            folders += [self.broker_dir / "queue", self.broker_dir / "processed"]
        for path in folders:
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file in its place, or no permission to create it
                raise ConfigError(
                    f"cannot create the folder {path}: {exc.strerror or exc}; move what is"
                    " there away, fix the permissions, or set PAPERFEED_HOME (or"
                    " PAPERFEED_DROP_DIR, PAPERFEED_PUBLIC_DIR) to another place"
                ) from exc


def parse_clock(text: str) -> dt.time:
    """A local time of day written as HH:MM.

    >>> parse_clock("07:30")
    datetime.time(7, 30)
    """
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time like 07:00")
    try:
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"{text!r} is not a time of day like 07:00") from None


def icon_problem(path: Path) -> str | None:
    """What keeps the file at `path` from being the site's icon; None when it can be."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    try:
        favicon_from_png(data)
    except FeedError as exc:
        return f"{exc}; give a square PNG such as 64×64"
    return None


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class _Reader:
    """The environment being read, and every problem found in it so far."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def get(self, name: str, default: str | None = None) -> str:
        """The variable's value; unset or blank, `default`, or else the table's default."""
        value = self.env.get(name, "").strip()
        return value or (DEFAULTS[name] if default is None else default)

    def optional(self, name: str) -> str | None:
        return self.get(name, "") or None

    def number(self, name: str, kind: Callable[[str], T], minimum: float) -> T:
        raw = self.get(name)
        try:
            value = kind(raw)
        except ValueError:
            self.problems.append(f"{name}={raw!r} is not a number")
            return kind(DEFAULTS[name])
        if value < minimum:  # type: ignore[operator]
            self.problems.append(f"{name}={raw!r} must be at least {minimum}")
        return value

    def folder(self, name: str, default: Path) -> Path:
        return Path(self.get(name, str(default))).expanduser().absolute()

    def choice(self, name: str, allowed: tuple[str, ...], hint: str) -> str:
        value = self.get(name)
        value = value.upper() if allowed[0].isupper() else value.lower()
        if value not in allowed:
            self.problems.append(f"{name}={value!r}: use {hint}")
        return value


def _database_url(read: _Reader, home: Path) -> str:
    url = read.get("DATABASE_URL", f"sqlite:///{home / 'paperfeed.db'}")
    if not url.startswith(("sqlite", "postgresql")):
        read.problems.append(
            f"DATABASE_URL={url!r}: paperfeed supports sqlite:/// and postgresql:// URLs"
        )
    if url.startswith("postgresql://"):
        # SQLAlchemy's bare postgresql:// means psycopg2, which paperfeed does not install.
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _broker_url(read: _Reader) -> str | None:
    url = read.optional("CELERY_BROKER_URL")
    if url and not url.startswith(("redis://", "rediss://", "filesystem://")):
        read.problems.append(f"CELERY_BROKER_URL={url!r}: use a redis:// URL or leave it unset")
    return url


def _timezone(read: _Reader) -> str:
    timezone = read.get("PAPERFEED_TIMEZONE")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        read.problems.append(f"PAPERFEED_TIMEZONE={timezone!r} is not a known time zone")
    return timezone


def _publish_to(read: _Reader, public_dir: Path) -> str:
    publish_to = read.get("PAPERFEED_PUBLISH_TO", str(public_dir))
    if publish_to.startswith("s3://") and not publish_to.removeprefix("s3://").strip("/"):
        read.problems.append("PAPERFEED_PUBLISH_TO=s3:// needs a bucket: s3://bucket/prefix")
    elif "://" in publish_to and not publish_to.startswith("s3://"):
        read.problems.append(f"PAPERFEED_PUBLISH_TO={publish_to!r}: use a folder or s3://bucket")
    elif publish_to.startswith("s3://") and importlib.util.find_spec("boto3") is None:
        read.problems.append(
            "PAPERFEED_PUBLISH_TO=s3://… needs boto3, which this install lacks: "
            "pip install 'paperfeed[s3]'"
        )
    return publish_to


def _extras(read: _Reader) -> dict[str, Any]:
    """The settings that are off unless given: admin token, expected time, icon, hub, faults."""
    admin_token = read.optional("PAPERFEED_ADMIN_TOKEN")
    if admin_token is not None and len(admin_token) < 12:
        # Staff type it into a form that can trigger work: a short one is guessed too easily.
        read.problems.append("PAPERFEED_ADMIN_TOKEN must be at least 12 characters long")
    status_lang = read.optional("PAPERFEED_STATUS_LANG")
    if status_lang is not None and status_lang not in {"zh-CN", "en"}:
        read.problems.append(f"PAPERFEED_STATUS_LANG={status_lang!r}: use zh-CN or en")
    expect_by: dt.time | None = None
    if raw_expect := read.optional("PAPERFEED_EXPECT_BY"):
        try:
            expect_by = parse_clock(raw_expect)
        except ValueError as exc:
            read.problems.append(f"PAPERFEED_EXPECT_BY: {exc}")
    icon: Path | None = None
    if raw_icon := read.optional("PAPERFEED_ICON"):
        icon = Path(raw_icon).expanduser().absolute()
        if problem := icon_problem(icon):
            read.problems.append(f"PAPERFEED_ICON={raw_icon!r}: {problem}")
    hub = read.optional("PAPERFEED_WEBSUB_HUB")
    if hub and not hub.startswith(("https://", "http://")):
        read.problems.append(f"PAPERFEED_WEBSUB_HUB={hub!r} is not an http(s) URL")
    faults: tuple[Fault, ...] = ()
    try:
        faults = parse_faults(read.get("PAPERFEED_FAULTS", ""))
    except ValueError as exc:
        read.problems.append(f"PAPERFEED_FAULTS: {exc}")
    return {"admin_token": admin_token, "expect_by": expect_by, "icon": icon,
            "websub_hub": hub, "faults": faults, "status_lang": status_lang}  # fmt: skip


def _numbers(read: _Reader) -> dict[str, Any]:
    """The numeric settings, each with the least value that works."""
    return {
        "scan_interval": read.number("PAPERFEED_SCAN_INTERVAL", float, 0.1),
        "stable_seconds": read.number("PAPERFEED_STABLE_SECONDS", float, 0),
        "lease_seconds": read.number("PAPERFEED_LEASE_SECONDS", float, 1),
        "max_bytes": read.number("PAPERFEED_MAX_BYTES", int, 1),
        "max_attempts": read.number("PAPERFEED_MAX_ATTEMPTS", int, 1),
        "task_time_limit": read.number("PAPERFEED_TASK_TIME_LIMIT", int, 2),
        "feed_size": read.number("PAPERFEED_FEED_SIZE", int, 1),
        "workers": read.number("PAPERFEED_WORKERS", int, 1),
        "publish_delay": read.number("PAPERFEED_PUBLISH_DELAY", float, 0),
        "publish_max_delay": read.number("PAPERFEED_PUBLISH_MAX_DELAY", float, 0),
    }


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from `environ` (default: the process environment); a ConfigError lists
    every problem at once.

    >>> load_settings({"PAPERFEED_HOME": "/srv/pf"}).drop_dir
    PosixPath('/srv/pf/drop')
    """
    env = dict(os.environ if environ is None else environ)
    read = _Reader(env)
    home = read.folder("PAPERFEED_HOME", Path(DEFAULTS["PAPERFEED_HOME"]))
    host = read.get("PAPERFEED_HOST")
    port = read.number("PAPERFEED_PORT", int, 0)
    if port > 65535:
        read.problems.append(f"PAPERFEED_PORT={port} is not a port number")
    public_dir = read.folder("PAPERFEED_PUBLIC_DIR", home / "public")
    display_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    settings = Settings(
        home=home,
        database_url=_database_url(read, home),
        broker_url=_broker_url(read),
        drop_dir=read.folder("PAPERFEED_DROP_DIR", home / "drop"),
        public_dir=public_dir,
        base_url=read.get("PAPERFEED_BASE_URL", f"http://{display_host}:{port}").rstrip("/"),
        host=host,
        port=port,
        sources_file=read.folder("PAPERFEED_SOURCES", home / "paperfeed.toml"),
        source=read.get("PAPERFEED_SOURCE"),
        publication=read.get("PAPERFEED_PUBLICATION"),
        section=read.get("PAPERFEED_SECTION"),
        timezone=_timezone(read),
        site_title=read.get("PAPERFEED_SITE_TITLE"),
        publish_to=_publish_to(read, public_dir),
        s3_endpoint_url=read.optional("PAPERFEED_S3_ENDPOINT_URL"),
        log_level=read.choice("PAPERFEED_LOG_LEVEL", LOG_LEVELS, "DEBUG, INFO, WARNING or ERROR"),
        log_format=read.choice("PAPERFEED_LOG_FORMAT", ("text", "json"), "text or json"),
        environ=env,
        warnings=unknown_variables(env),
        **_numbers(read),
        **_extras(read),
    )
    if settings.lease_seconds <= settings.task_time_limit:
        # A lease shorter than the time limit would hand a running task out a second time.
        read.problems.append(
            f"PAPERFEED_LEASE_SECONDS={settings.lease_seconds:g} must be longer than "
            f"PAPERFEED_TASK_TIME_LIMIT={settings.task_time_limit}"
        )
    if read.problems:
        raise ConfigError("invalid configuration:\n  - " + "\n  - ".join(read.problems))
    return settings
