"""How long each broker queue was over the last minutes, so that a one-shot `paperfeed
status` can tell a queue that keeps growing (the workers are not keeping up) from a burst
being worked off.

The worker's scan (every PAPERFEED_SCAN_INTERVAL, beat-scheduled) records the lengths at
most every `MIN_GAP` seconds: on Redis in one sorted set per queue beside the broker's own
keys (they expire on their own), for the embedded broker in a small JSON file in its
folder. `growing` is pure: samples in, the verdict out.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from worker.settings import Settings

if TYPE_CHECKING:
    import redis

WINDOW = 600.0  # seconds of samples kept and judged
MIN_GAP = 30.0  # seconds between two samples
MIN_SPAN = 180.0  # a rise must last this long (seconds) to count as growing
MIN_LENGTH = 50  # messages: fewer are worked off in moments, whatever their trend
REDIS_KEY = "paperfeed:queue-samples:{queue}"
EMBEDDED_FILE = "queue-samples.json"

Sample = tuple[float, int]  # (unix time, messages waiting)


@dataclass(frozen=True)
class Growth:
    """A queue that grew from `before` to `length` messages over `minutes`."""

    queue: str
    before: int
    length: int
    minutes: int


def growing(queue: str, samples: Sequence[Sample], now: Sample) -> Growth | None:
    """Growth when the samples of the last `WINDOW` seconds and the length `now` never
    fall, end higher than they began and at `MIN_LENGTH` or more, and span `MIN_SPAN`.

    >>> growing("ingest", [(0, 40), (120, 60), (240, 90)], (300, 120))
    Growth(queue='ingest', before=40, length=120, minutes=5)
    >>> growing("ingest", [(0, 40), (120, 160), (240, 90)], (300, 120)) is None  # it fell
    True
    """
    points = sorted([s for s in samples if now[0] - WINDOW <= s[0] < now[0]] + [now])
    if len(points) < 3 or points[-1][0] - points[0][0] < MIN_SPAN:
        return None
    lengths = [n for _, n in points]
    rising = all(b >= a for a, b in pairwise(lengths))
    if not rising or lengths[-1] <= lengths[0] or lengths[-1] < MIN_LENGTH:
        return None
    minutes = round((points[-1][0] - points[0][0]) / 60)
    return Growth(queue, lengths[0], lengths[-1], minutes)


def read(settings: Settings) -> dict[str, list[Sample]]:
    """The samples of every queue, oldest first; empty when none were kept (or the broker
    cannot be read: `status` says that on its own)."""
    try:
        if settings.embedded:
            return _read_file(settings)
        return _read_redis(settings)
    except (OSError, ValueError, _redis_error()):
        return {}


def record(settings: Settings, lengths: Mapping[str, int | None], at: float | None = None) -> bool:
    """Keep `lengths` (as `worker.queues.queue_lengths` gives them) as the sample at `at`
    (default: now), unless the newest sample is younger than `MIN_GAP`; True if kept."""
    at = time.time() if at is None else at
    known = {q: n for q, n in lengths.items() if n is not None}
    kept = read(settings)
    newest = max((t for samples in kept.values() for t, _ in samples), default=None)
    if not known or (newest is not None and 0 <= at - newest < MIN_GAP):
        return False
    if settings.embedded:
        _write_file(settings, kept, known, at)
    else:
        _write_redis(settings, known, at)
    return True


def _redis_error() -> type[Exception]:
    import redis

    return redis.RedisError


def _client(settings: Settings) -> redis.Redis:
    import redis

    assert settings.broker_url is not None
    return redis.Redis.from_url(settings.broker_url, socket_timeout=2)


def _read_redis(settings: Settings) -> dict[str, list[Sample]]:
    from worker.celery_app import QUEUES

    client = _client(settings)
    try:
        found = {}
        for queue in QUEUES:
            members = client.zrange(REDIS_KEY.format(queue=queue), 0, -1)
            found[queue] = [_member(m) for m in members if isinstance(m, bytes | str)]
        return found
    finally:
        client.close()


def _member(raw: bytes | str) -> Sample:
    text = raw.decode() if isinstance(raw, bytes) else raw
    at, _, length = text.partition(":")
    return float(at), int(length)


def _write_redis(settings: Settings, lengths: Mapping[str, int], at: float) -> None:
    client = _client(settings)
    try:
        pipe = client.pipeline()
        for queue, length in lengths.items():
            key = REDIS_KEY.format(queue=queue)
            pipe.zadd(key, {f"{at:.3f}:{length}": at})
            pipe.zremrangebyscore(key, "-inf", at - WINDOW)
            pipe.expire(key, int(2 * WINDOW))
        pipe.execute()
    finally:
        client.close()


def _read_file(settings: Settings) -> dict[str, list[Sample]]:
    path = settings.broker_dir / EMBEDDED_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {q: [(float(t), int(n)) for t, n in samples] for q, samples in data.items()}


def _write_file(
    settings: Settings, kept: dict[str, list[Sample]], lengths: Mapping[str, int], at: float
) -> None:
    """The file is replaced whole (write, then rename), so a reader never sees half of it."""
    data = {
        queue: [s for s in kept.get(queue, []) if s[0] >= at - WINDOW] + [(at, length)]
        for queue, length in lengths.items()
    }
    path = settings.broker_dir / EMBEDDED_FILE
    partial = path.with_name(f".{EMBEDDED_FILE}.{os.getpid()}")
    try:
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.replace(path)
    except OSError:  # a full disk: leave no half-written file taking room
        partial.unlink(missing_ok=True)
        raise
