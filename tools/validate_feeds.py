"""Publish the demo issue and the shared sample into a temporary home, then check every Atom
and RSS document (current and archive pages) and every OPML list with the W3C Feed
Validation Service's own code, run offline from a checkout of it.

    python tools/validate_feeds.py --validator ~/src/feedvalidator [--shared ../shared]

``make validate FEEDVALIDATOR=…`` runs this. The validator is not part of paperfeed and is
never installed: its ``src/`` folder is put on ``sys.path`` (it needs ``html5lib``, which the
make target installs). Exit code 1 when any error or warning is left that is not one of
``ACCEPTED`` below, each of which says why it is not a fault of paperfeed's output.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# A base URL with a path, so every link is checked for being joined under it, not the host.
BASE_URL = "https://feeds.example.org/paper"
# A hub nothing listens on (the loopback discard port): current documents carry rel="hub",
# and the failed pings are only logged.
HUB_URL = "http://127.0.0.1:9/hub"
# Three entries a document, so the two issues fill several RFC 5005 archive pages.
FEED_SIZE = "3"
MEDIA_TYPES = {
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".opml": "text/x-opml",
}

# Warnings the validator gives on output that is right, by event class, with the reason.
ACCEPTED = {
    "DuplicateUpdated": (
        "the articles of one issue are stored in one ingest, so their atom:updated is the "
        "same instant; the validator's own note says no action is needed then"
    ),
    "ArchiveIncomplete": (
        "archive page 1 is the oldest page, so it has no prev-archive, and a page never "
        "gains a next-archive (it would change a page readers keep); RFC 5005 asks for "
        "neither, and fh:complete would claim the page holds the whole feed"
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--validator", required=True, type=Path, help="checkout of the validator")
    parser.add_argument("--shared", default=ROOT.parent / "shared", type=Path)
    parser.add_argument("--keep", type=Path, help="publish here (kept) instead of a temp folder")
    args = parser.parse_args(argv)
    validator = _load_validator(args.validator)
    issues = sorted((ROOT / "examples").glob("*.txt"))
    issues += sorted((args.shared / "samples").glob("*.txt"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return _run(validator, args.keep, issues)
    with tempfile.TemporaryDirectory(prefix="paperfeed-validate-") as home:
        return _run(validator, Path(home), issues)


def _load_validator(path: Path) -> ModuleType:
    src = path.expanduser().resolve() / "src"
    if not (src / "feedvalidator" / "__init__.py").exists():
        raise SystemExit(f"no feedvalidator package in {src}: give the validator's checkout")
    sys.path.insert(0, str(src))
    import feedvalidator  # type: ignore[import-not-found]

    return feedvalidator  # type: ignore[no-any-return]


def _run(validator: ModuleType, home: Path, issues: list[Path]) -> int:
    public = _publish(home, issues)
    documents = sorted(p for p in public.rglob("*") if p.suffix in MEDIA_TYPES)
    kinds = Counter(p.suffix for p in documents)
    counts: Counter[str] = Counter()
    for path in documents:
        for kind, name, line in _check(validator, public, path):
            accepted = kind == "warning" and name in ACCEPTED
            counts[f"accepted {name}" if accepted else kind] += 1
            if not accepted:
                print(f"{path.relative_to(public)}: {kind}: {line}")
    print(
        f"validated {len(documents)} documents from {len(issues)} issue files "
        f"({kinds['.atom']} Atom, {kinds['.rss']} RSS, {kinds['.opml']} OPML): "
        f"{counts['error']} errors, {counts['warning']} warnings"
    )
    for key, number in sorted(counts.items()):
        if key.startswith("accepted "):
            name = key.removeprefix("accepted ")
            print(f"  accepted: {number} × {name}: {ACCEPTED[name]}")
    return 1 if counts["error"] or counts["warning"] or not documents else 0


def _publish(home: Path, issues: list[Path]) -> Path:
    """Ingest ``issues`` into a fresh embedded paperfeed at ``home``; its public folder."""
    if not issues:
        raise SystemExit("no issue files found (examples/*.txt, SHARED/samples/*.txt)")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PAPERFEED_") and k not in {"DATABASE_URL", "CELERY_BROKER_URL"}
    }
    env |= {
        "PAPERFEED_HOME": str(home),
        "PAPERFEED_BASE_URL": BASE_URL,
        "PAPERFEED_WEBSUB_HUB": HUB_URL,
        "PAPERFEED_FEED_SIZE": FEED_SIZE,
        "PAPERFEED_LOG_LEVEL": "ERROR",
    }
    paperfeed = Path(sys.executable).parent / "paperfeed"
    command = [str(paperfeed), "ingest", *map(str, issues)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"paperfeed ingest failed with exit code {done.returncode}")
    return home / "public"


def _check(validator: ModuleType, public: Path, path: Path) -> list[tuple[str, str, str]]:
    """(``error``/``warning``, event class, message with line and column) of one document,
    served as paperfeed serves it, at its public URL (which rel="self" must name)."""
    from feedvalidator.formatter.text_plain import Formatter  # type: ignore[import-not-found]
    from feedvalidator.logging import Error, Warning  # type: ignore[import-not-found]

    url = f"{BASE_URL}/{path.relative_to(public).as_posix()}"
    media_type = f"{MEDIA_TYPES[path.suffix]}; charset=utf-8"
    with path.open("rb") as stream:
        try:
            result: dict[str, Any] = validator.validateStream(
                stream, contentType=media_type, base=url
            )
            events = result["loggedEvents"]
        except validator.logging.ValidationFailure as failure:
            events = [failure.event]
    found = []
    for event in events:
        if isinstance(event, Error):
            kind = "error"
        elif isinstance(event, Warning):
            kind = "warning"
        else:
            continue  # "valid element" notes
        found.append((kind, type(event).__name__, Formatter([event])[0]))
    return found


if __name__ == "__main__":
    sys.exit(main())
