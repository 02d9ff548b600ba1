"""WebSub publisher pings: tell a hub which feed URLs changed, so subscribers get them now.

The one module of ``feeds`` that talks to the network. A ping never raises: a hub that is
down must not fail a publish (readers still poll), so every outcome is a PingResult.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import requests

from feeds.logfields import event

log = logging.getLogger(__name__)

USER_AGENT = "paperfeed (WebSub publisher)"


@dataclass(frozen=True)
class PingResult:
    """The hub's answer for one topic: ``ok`` for any 2xx (hubs answer 202 or 204)."""

    topic: str
    ok: bool
    status: int | None = None  # None when no HTTP answer arrived
    error: str | None = None


def ping_hub(
    hub_url: str,
    topic_urls: Sequence[str],
    *,
    session: requests.Session | None = None,
    timeout: float = 10,
) -> list[PingResult]:
    """POST ``hub.mode=publish`` and ``hub.url=<topic>`` to the hub, once per distinct topic.

    One request per topic because hubs disagree on the multi-URL form; the results come back
    in the order of ``topic_urls``. TLS verification stays on (requests' default).

    >>> ping_hub("http://127.0.0.1:9/", [])  # nothing changed: no request at all
    []
    """
    topics = list(dict.fromkeys(topic_urls))
    if not topics:
        return []
    own = session is None
    client = requests.Session() if session is None else session
    try:
        return [_ping(client, hub_url, topic, timeout) for topic in topics]
    finally:
        if own:
            client.close()


def _ping(client: requests.Session, hub_url: str, topic: str, timeout: float) -> PingResult:
    try:
        response = client.post(
            hub_url,
            data={"hub.mode": "publish", "hub.url": topic},
            headers={"User-Agent": USER_AGENT},
            timeout=timeout,
            allow_redirects=False,
        )
    except requests.RequestException as exc:  # refused, timed out, bad URL, TLS failure ...
        result = PingResult(topic, ok=False, error=f"{type(exc).__name__}: {exc}")
    else:
        with response:
            ok = 200 <= response.status_code < 300
            detail = None if ok else f"hub answered {response.status_code}: {response.text[:200]}"
            result = PingResult(topic, ok=ok, status=response.status_code, error=detail)
    event(log, "websub_ping", hub=hub_url, topic=topic, ok=result.ok, status=result.status,
          error=result.error)  # fmt: skip
    return result
