"""What the broker holds and who listens: messages waiting per queue, workers that answer."""

from __future__ import annotations

from worker.celery_app import QUEUES
from worker.settings import Settings

# kombu's Redis transport keeps a queue's messages of priority p > 0 in "<queue>\x06\x16<p>".
# kombu's Redis transport keeps a queue's messages of priority p > 0 in "<queue>\x06\x16<p>".
REDIS_PRIORITY_SEP = "\x06\x16"


REDIS_PRIORITY_STEPS = (3, 6, 9)


def queue_lengths(settings: Settings) -> dict[str, int | None]:
    """Messages waiting per queue: LLEN on Redis, message files for the embedded broker."""
    if settings.embedded:
        # kombu's filesystem transport names a message "<ms>_<uuid>.<queue>.msg".
        folder = settings.broker_dir / "queue"
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        return {q: sum(1 for n in names if n.partition(".")[2] == f"{q}.msg") for q in QUEUES}
    import redis

    assert settings.broker_url is not None
    try:
        client = redis.Redis.from_url(settings.broker_url, socket_timeout=2)
        try:
            keys = {q: [q, *(f"{q}{REDIS_PRIORITY_SEP}{p}" for p in REDIS_PRIORITY_STEPS)]
                    for q in QUEUES}  # fmt: skip
            return {q: sum(int(client.llen(k)) for k in names) for q, names in keys.items()}
        finally:
            client.close()
    except redis.RedisError:
        return dict.fromkeys(QUEUES)


def ping_workers(settings: Settings) -> list[str]:
    """Names of the workers that answer a control ping within a second (Redis only)."""
    from worker.celery_app import create_app

    app = create_app(settings)
    try:
        with app.connection_for_write() as connection:
            replies = app.control.ping(timeout=1.0, connection=connection)
    finally:
        app.close()
    return sorted(name for reply in replies or [] for name in reply)
