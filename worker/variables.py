"""The PAPERFEED_ variables paperfeed knows: each setting's name, documented default and meaning
(the table README.md shows), and a warning for any variable it does not know."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One documented setting: its variable, default (as written in docs) and meaning."""

    env: str
    default: str
    help: str


# The table the README documents; a test checks that the two agree.
SETTINGS: tuple[Setting, ...] = (
    Setting("PAPERFEED_HOME", "./var", "Folder for the SQLite file, drop folder and public folder"),
    Setting("DATABASE_URL", "sqlite:///$PAPERFEED_HOME/paperfeed.db", "SQLAlchemy database URL"),
    Setting("CELERY_BROKER_URL", "(embedded)", "Broker URL; unset runs on an embedded broker"),
    Setting("PAPERFEED_DROP_DIR", "$PAPERFEED_HOME/drop", "Folder scanned for new issue files"),
    Setting("PAPERFEED_PUBLIC_DIR", "$PAPERFEED_HOME/public", "Folder the feeds are written to"),
    Setting("PAPERFEED_BASE_URL", "http://$PAPERFEED_HOST:$PAPERFEED_PORT", "Public URL of feeds"),
    Setting("PAPERFEED_HOST", "127.0.0.1", "Address `paperfeed serve` and `run` listen on"),
    Setting("PAPERFEED_PORT", "8080", "Port `paperfeed serve` and `run` listen on"),
    Setting("PAPERFEED_SCAN_INTERVAL", "10", "Seconds between scans of the drop folder"),
    Setting("PAPERFEED_STABLE_SECONDS", "2", "Seconds a file's size and mtime must hold still"),
    Setting("PAPERFEED_LEASE_SECONDS", "600", "Seconds before an unfinished claim is retried"),
    Setting("PAPERFEED_MAX_BYTES", "20000000", "Largest issue file accepted, in bytes"),
    Setting("PAPERFEED_MAX_ATTEMPTS", "3", "Attempts at an input before it goes to failed/"),
    Setting("PAPERFEED_TASK_TIME_LIMIT", "300", "Seconds an ingest may run before it is killed"),
    Setting("PAPERFEED_SOURCES", "$PAPERFEED_HOME/paperfeed.toml", "The sources file"),
    Setting("PAPERFEED_SOURCE", "drop", "Name of the drop-folder source"),
    Setting("PAPERFEED_PUBLICATION", "本报", "Publication name when a file does not say"),
    Setting("PAPERFEED_SECTION", "要闻", "Section for pages whose header names none"),
    Setting("PAPERFEED_TIMEZONE", "Asia/Shanghai", "The paper's time zone"),
    Setting("PAPERFEED_SITE_TITLE", "paperfeed", "Title of the feed index page"),
    Setting("PAPERFEED_ICON", "(paperfeed's)", "PNG (up to 256×256) shown as the feeds' icon"),
    Setting("PAPERFEED_FEED_SIZE", "50", "Entries in each feed"),
    Setting("PAPERFEED_PUBLISH_DELAY", "1", "Seconds a publish waits for more ingests to end"),
    Setting("PAPERFEED_PUBLISH_MAX_DELAY", "30", "Seconds a changed feed waits at most"),
    Setting("PAPERFEED_PUBLISH_TO", "$PAPERFEED_PUBLIC_DIR", "Folder or s3://bucket/prefix"),
    Setting("PAPERFEED_S3_ENDPOINT_URL", "(AWS)", "Endpoint of an S3-compatible store"),
    Setting("PAPERFEED_WEBSUB_HUB", "(none)", "WebSub hub to ping after feeds change"),
    Setting("PAPERFEED_WORKERS", "2", "Worker processes that `paperfeed run` starts"),
    Setting("PAPERFEED_LOG_LEVEL", "INFO", "Log level of the worker and the CLI"),
    Setting("PAPERFEED_FAULTS", "(none)", "Fault injection for reliability tests only"),
    Setting("PAPERFEED_LOG_FORMAT", "text", "Log lines as `text` (key=value) or `json`"),
    Setting("PAPERFEED_ADMIN_TOKEN", "(none)", "Token staff type to sign in on /status"),
    Setting("PAPERFEED_EXPECT_BY", "(none)", "Local time (HH:MM) today's issue should arrive by"),
    Setting("PAPERFEED_STATUS_LANG", "(browser)", "Language of /status: zh-CN or en"),
)


# The defaults the loader uses, for the settings whose default is a plain value; the rest
# ("$PAPERFEED_HOME/drop", "(none)") are worked out from other settings or mean unset.
DEFAULTS: dict[str, str] = {
    s.env: s.default
    for s in SETTINGS
    if not s.default.startswith(("$", "(")) and "$" not in s.default
}


# PAPERFEED_ names that are not paperfeed's settings: compose's (in `.env`), and those of
# the tests and benchmarks; none of them is reported as unknown.
OTHER_VARIABLES = frozenset({
    "PAPERFEED_BIND", "PAPERFEED_UID", "PAPERFEED_GID", "PAPERFEED_SOAK_SECONDS",
    "PAPERFEED_BURST_FILES",
})  # fmt: skip


OTHER_PREFIXES = ("PAPERFEED_TEST_", "PAPERFEED_BENCH_")


def unknown_variables(environ: Mapping[str, str]) -> tuple[str, ...]:
    """A warning for each PAPERFEED_ variable paperfeed does not know (a typo is ignored
    silently otherwise), naming the nearest setting.

    >>> found = unknown_variables({"PAPERFEED_MAX_BYTE": "1", "PAPERFEED_HOME": "/srv"})
    >>> found[0].endswith("ignored; did you mean PAPERFEED_MAX_BYTES?")
    True
    """
    known = [s.env for s in SETTINGS if s.env.startswith("PAPERFEED_")]
    warnings = []
    for name in sorted(environ):
        if not name.startswith("PAPERFEED_") or name in known or name in OTHER_VARIABLES:
            continue
        if name.startswith(OTHER_PREFIXES):
            continue
        # Compared without the prefix every name shares, which would make any two alike.
        tails = [k.removeprefix("PAPERFEED_") for k in known]
        close = difflib.get_close_matches(name.removeprefix("PAPERFEED_"), tails, n=1, cutoff=0.6)
        hint = f"did you mean PAPERFEED_{close[0]}?" if close else "README.md lists the settings"
        warnings.append(f"{name} is not a paperfeed setting and is ignored; {hint}")
    return tuple(warnings)
