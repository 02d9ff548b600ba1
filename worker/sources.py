"""Sources: where issues come from, configured in paperfeed.toml (or one drop folder by default).

A source is a drop folder or a URL template, with the defaults of its publication: name,
section, page → section map, time zone, poll interval, and an on/off switch. Loading checks
the whole file and reports every problem in one ConfigError.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from worker.settings import ConfigError, Settings, parse_clock
from worker.urls import allowed_url, redact

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KNOWN_KEYS = {
    "name", "kind", "path", "url", "publication", "section", "timezone", "poll_interval",
    "enabled", "pages", "lookback_days", "expect_by", "publish_time", "allow_private",
    "credentials_env", "credentials_file",
}  # fmt: skip


@dataclass(frozen=True)
class SourceConfig:
    """One configured source. `pages` maps a page number to its section."""

    name: str
    kind: str  # "drop" | "url"
    publication: str
    section: str
    timezone: str = "Asia/Shanghai"
    poll_interval: float = 10.0
    enabled: bool = True
    pages: tuple[tuple[int, str], ...] = field(default=())
    path: Path | None = None  # drop folder
    url: str | None = None  # URL template, e.g. https://paper.example/{date:%Y%m%d}/a01.txt
    lookback_days: int = 0
    # Local time by which today's issue should have arrived; later, status says "gone quiet".
    expect_by: dt.time | None = None
    # Local time an issue's entries carry (its date at this time): papers are out by morning.
    publish_time: dt.time = dt.time(6, 0)
    # Fetch from private, loopback and link-local addresses too (a paper's intranet server).
    allow_private: bool = False
    # (user, password) for the URL's host, from `credentials_env` or `credentials_file`.
    auth: tuple[str, str] | None = field(default=None, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def section_for(self, page: int) -> str | None:
        """The section the configuration gives a page, if any."""
        return dict(self.pages).get(page)


def default_source(settings: Settings) -> SourceConfig:
    """The single drop-folder source used when there is no paperfeed.toml."""
    return SourceConfig(
        name=settings.source,
        kind="drop",
        publication=settings.publication,
        section=settings.section,
        timezone=settings.timezone,
        poll_interval=settings.scan_interval,
        path=settings.drop_dir,
        expect_by=settings.expect_by,
    )


def load_sources(settings: Settings) -> tuple[SourceConfig, ...]:
    """Sources from `settings.sources_file` if it exists, else the default drop folder."""
    path = settings.sources_file
    if not path.exists():
        return (default_source(settings),)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as TOML: {exc}") from exc
    return parse_sources(data, settings, origin=str(path))


def parse_sources(
    data: dict[str, Any], settings: Settings, *, origin: str = "paperfeed.toml"
) -> tuple[SourceConfig, ...]:
    """Check every `[[source]]` table; raise one ConfigError naming each problem.

    >>> s = parse_sources({"source": [{"name": "a", "kind": "drop", "path": "/srv/a"}]},
    ...                   __import__("worker.settings").settings.load_settings({}))
    >>> (s[0].name, s[0].kind, str(s[0].path))
    ('a', 'drop', '/srv/a')
    """
    problems: list[str] = []
    tables = data.get("source", [])
    unknown_top = set(data) - {"source"}
    if unknown_top:
        problems.append(f"unknown top-level keys: {', '.join(sorted(unknown_top))}")
    if not isinstance(tables, list) or not tables:
        problems.append("no [[source]] tables: define at least one source")
        tables = []
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        where = f"source #{number}"
        if not isinstance(table, dict):
            problems.append(f"{where}: must be a table")
            continue
        name = table.get("name")
        if isinstance(name, str):
            where = f"source {name!r}"
        source = _one_source(table, settings, where, problems)
        if source is None:
            continue
        if source.name in seen:
            problems.append(f"{where}: the name is used twice")
        seen.add(source.name)
        sources.append(source)
    if problems:
        raise ConfigError(f"invalid sources in {origin}:\n  - " + "\n  - ".join(problems))
    return tuple(sources)


def _one_source(
    table: dict[str, Any], settings: Settings, where: str, problems: list[str]
) -> SourceConfig | None:
    before = len(problems)
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    name = table.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        problems.append(f"{where}: name must be lowercase letters, digits, '-' or '_'")
    kind = table.get("kind", "drop")
    if kind not in {"drop", "url"}:
        problems.append(f"{where}: kind must be 'drop' or 'url', not {kind!r}")
    path, url = table.get("path"), table.get("url")
    if kind == "drop" and not isinstance(path, str):
        problems.append(f'{where}: a drop source needs path = "/folder/to/watch"')
    allow_private = table.get("allow_private", False)
    if not isinstance(allow_private, bool):
        problems.append(f"{where}: allow_private must be true or false")
    if kind == "url":
        _check_url(url, allow_private is True, where, problems)
    values = _values(table, settings, where, problems)
    auth = _credentials(table, settings, where, problems)
    if len(problems) > before:
        return None
    return SourceConfig(
        name=name,  # type: ignore[arg-type]
        kind=kind,
        path=Path(str(path)).expanduser().absolute() if kind == "drop" else None,
        url=url if kind == "url" else None,
        allow_private=allow_private,
        auth=auth,
        **values,
    )


def _check_url(url: Any, allow_private: bool, where: str, problems: list[str]) -> None:
    # https:// always; http:// only to this machine, for a source allowed private ones.
    if not isinstance(url, str) or not allowed_url(url, allow_private):
        shown = redact(url) if isinstance(url, str) else url
        problems.append(
            f'{where}: a url source needs url = "https://…" (TLS is required), not {shown!r}'
        )
    else:
        _check_template(url, where, problems)


def _values(
    table: dict[str, Any], settings: Settings, where: str, problems: list[str]
) -> dict[str, Any]:
    """The source's plain settings, checked, with the PAPERFEED_ settings as defaults."""
    timezone = table.get("timezone", settings.timezone)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"{where}: timezone {timezone!r} is not a known time zone")
    poll = table.get("poll_interval", settings.scan_interval)
    if not isinstance(poll, int | float) or isinstance(poll, bool) or poll <= 0:
        problems.append(f"{where}: poll_interval must be a positive number of seconds")
        poll = settings.scan_interval
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append(f"{where}: enabled must be true or false")
    lookback = table.get("lookback_days", 0)
    if not isinstance(lookback, int) or isinstance(lookback, bool) or not 0 <= lookback <= 60:
        problems.append(f"{where}: lookback_days must be a whole number from 0 to 60")
    for key in ("publication", "section"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            problems.append(f"{where}: {key} must be a non-empty string")
    publish_time = _clock(table.get("publish_time"), "publish_time", where, problems)
    return {
        "publication": table.get("publication", settings.publication),
        "section": table.get("section", settings.section),
        "timezone": str(timezone),
        "poll_interval": float(poll),
        "enabled": enabled,
        "pages": _pages(table.get("pages", {}), where, problems),
        "lookback_days": lookback,
        "expect_by": _expect_by(table.get("expect_by"), where, problems),
        "publish_time": publish_time or dt.time(6, 0),
    }


def _pages(raw: Any, where: str, problems: list[str]) -> tuple[tuple[int, str], ...]:
    if not isinstance(raw, dict):
        problems.append(f'{where}: pages must be a table such as {{ 1 = "要闻" }}')
        return ()
    pages = []
    for key, value in raw.items():
        if not str(key).isdigit() or not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: pages.{key} must map a page number to a section name")
            continue
        pages.append((int(key), value.strip()))
    return tuple(sorted(pages))


def _expect_by(raw: Any, where: str, problems: list[str]) -> dt.time | None:
    return _clock(raw, "expect_by", where, problems)


def _clock(raw: Any, key: str, where: str, problems: list[str]) -> dt.time | None:
    # TOML has a local-time type (expect_by = 07:00:00), but most people quote "07:00": take both.
    if raw is None or isinstance(raw, dt.time):
        return raw
    try:
        return parse_clock(str(raw))
    except ValueError as exc:
        problems.append(f"{where}: {key}: {exc}")
        return None


def _check_template(url: str, where: str, problems: list[str]) -> None:
    try:
        url.format(date=dt.date(2020, 5, 29))
    except (KeyError, IndexError, ValueError) as exc:
        problems.append(
            f"{where}: url template {redact(url)!r} is invalid ({exc}); use {{date:%Y%m%d}}"
        )


def _credentials(
    table: dict[str, Any], settings: Settings, where: str, problems: list[str]
) -> tuple[str, str] | None:
    """`user:password` from the environment variable `credentials_env` names, or from the
    file `credentials_file` names (a Docker or systemd secret): not from the URL, which
    ends up in logs and in front of operators."""
    variable, file = table.get("credentials_env"), table.get("credentials_file")
    if variable is None and file is None:
        return None
    if variable is not None and file is not None:
        problems.append(f"{where}: give credentials_env or credentials_file, not both")
        return None
    if variable is not None:
        value = settings.environ.get(str(variable))
        if not value:
            problems.append(f"{where}: credentials_env names {variable!r}, which is not set")
            return None
    else:
        try:
            value = Path(str(file)).read_text(encoding="utf-8").strip()
        except OSError as exc:
            problems.append(f"{where}: credentials_file {file!r} cannot be read: {exc.strerror}")
            return None
    user, colon, password = value.partition(":")
    if not colon or not user:
        problems.append(f"{where}: the credentials must read user:password")
        return None
    return user, password


# What a source's settings are called where they are shown beside each other.
SHOWN_FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "kind"), ("where", "folder or URL"), ("publication", "publication"),
    ("section", "section"), ("timezone", "time zone"), ("poll_interval", "poll interval"),
    ("enabled", "enabled"), ("expect_by", "expect_by"), ("publish_time", "publish_time"),
    ("pages", "pages"), ("lookback_days", "lookback_days"),
)  # fmt: skip


def in_use(source: SourceConfig) -> dict[str, Any]:
    """The source as a worker runs it, in JSON terms (credentials left out, a URL's password
    redacted): each scan records it, so that `status` and `sources list` can show what the
    running workers use beside what the sources file now says.

    >>> in_use(SourceConfig("a", "drop", "青河日报", "要闻", path=Path("/srv/a")))["where"]
    '/srv/a'
    """
    return {
        "kind": source.kind,
        "where": str(source.path) if source.path else redact(source.url or ""),
        "publication": source.publication,
        "section": source.section,
        "timezone": source.timezone,
        "poll_interval": source.poll_interval,
        "enabled": source.enabled,
        "expect_by": source.expect_by.strftime("%H:%M") if source.expect_by else None,
        "publish_time": source.publish_time.strftime("%H:%M"),
        "pages": {str(page): section for page, section in source.pages},
        "lookback_days": source.lookback_days,
    }


def differences(used: dict[str, Any], configured: SourceConfig) -> list[str]:
    """What differs between the settings a worker recorded (`in_use`) and `configured`, as
    `label: worker's → configured` phrases; empty when they agree.

    >>> a = SourceConfig("a", "drop", "青河日报", "要闻", path=Path("/srv/a"))
    >>> differences(in_use(a), SourceConfig("a", "drop", "青河日报", "要闻", path=Path("/srv/b")))
    ['folder or URL: /srv/a → /srv/b']
    """
    labels = dict(SHOWN_FIELDS)
    return [f"{labels[key]}: {old} → {new}" for key, old, new in changed_fields(used, configured)]


def changed_fields(used: dict[str, Any], configured: SourceConfig) -> list[tuple[str, str, str]]:
    """`differences` as (field key, worker's value, configured value), values as shown."""
    now = in_use(configured)
    return [
        (key, _shown(used.get(key)), _shown(now[key]))
        for key, _label in SHOWN_FIELDS
        if used.get(key) != now[key]
    ]


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items()) or "(none)"
    if value is None:
        return "(none)"
    return f"{value:g}s" if isinstance(value, float) else str(value)
