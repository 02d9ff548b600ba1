"""Who may act on /status: a session cookie signed with a key derived from
PAPERFEED_ADMIN_TOKEN (so every feed server process accepts it, and changing the token ends
every session), its per-session CSRF token, and the limit on wrong tokens."""

from __future__ import annotations

import collections
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from feeds.server import Request
from worker.settings import Settings
from worker.status_web.i18n import cookie_value

COOKIE = "paperfeed_session"
SESSION_SECONDS = 8 * 3600  # a working day; then sign in again


@dataclass(frozen=True)
class Session:
    """A signed-in operator: the session's nonce, when it ends (Unix seconds), and the CSRF
    token every form of this session carries."""

    nonce: str
    expires: int
    csrf: str


def _key(settings: Settings) -> bytes:
    assert settings.admin_token is not None
    return hmac.new(settings.admin_token.encode(), b"paperfeed status session", "sha256").digest()


def _sign(settings: Settings, message: str) -> str:
    return hmac.new(_key(settings), message.encode(), hashlib.sha256).hexdigest()


def start(settings: Settings, now: float | None = None) -> tuple[Session, str]:
    """A new session and the cookie value that carries it: `expires.nonce.signature`."""
    expires = int(now if now is not None else time.time()) + SESSION_SECONDS
    nonce = secrets.token_hex(16)
    body = f"{expires}.{nonce}"
    return _session(settings, nonce, expires), f"{body}.{_sign(settings, body)}"


def _session(settings: Settings, nonce: str, expires: int) -> Session:
    return Session(nonce, expires, _sign(settings, f"csrf.{nonce}")[:32])


def current(
    settings: Settings, request: Request, ended: Mapping[str, int], now: float | None = None
) -> Session | None:
    """The request's session: its cookie signed with today's token, not expired, not
    signed out in this process; None otherwise."""
    value = cookie_value(request, COOKIE)
    if not settings.admin_token or not value or value.count(".") != 2:
        return None
    expires, nonce, signature = value.split(".")
    if not hmac.compare_digest(signature, _sign(settings, f"{expires}.{nonce}")):
        return None
    moment = now if now is not None else time.time()
    if not expires.isdigit() or int(expires) <= moment or nonce in ended:
        return None
    return _session(settings, nonce, int(expires))


def csrf_ok(session: Session, sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(sent.encode(), session.csrf.encode())


def token_ok(settings: Settings, sent: str) -> bool:
    assert settings.admin_token is not None
    return hmac.compare_digest(sent.encode(), settings.admin_token.encode())


def secure(settings: Settings, request: Request) -> bool:
    """Whether the browser reached the site over https (directly, or a proxy says so)."""
    forwarded = request.headers.get("x-forwarded-proto", "")
    return settings.base_url.startswith("https://") or forwarded == "https"


def set_cookie(name: str, value: str, max_age: int, *, https: bool, path: str = "/") -> str:
    """A Set-Cookie value no script can read and no other site's request carries."""
    flags = "; Secure" if https else ""
    return f"{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{flags}"


class TokenGuesses:
    """Wrong tokens over the last `window` seconds, per client and in all. Past either limit
    a form is refused before its token is even compared, so guessing runs at a few tries a
    minute instead of thousands a second; an operator typing the right token is never
    slowed down by their own earlier typo for more than the window."""

    def __init__(
        self,
        *,
        per_client: int = 5,
        overall: int = 30,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window, self.clock = (
            per_client, overall, window, clock,
        )  # fmt: skip
        self._failures: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()
        # Sessions signed out in this process (nonce: when it would have ended); a
        # signed-out cookie is also deleted from the browser, and every session ends after
        # SESSION_SECONDS anyway, when its entry is dropped.
        self.ended: dict[str, int] = {}

    def end(self, session: Session, now: float | None = None) -> None:
        """Refuse this session's cookie from now on (in this process)."""
        moment = now if now is not None else time.time()
        with self._lock:
            for nonce in [n for n, until in self.ended.items() if until <= moment]:
                del self.ended[nonce]
            self.ended[session.nonce] = session.expires

    def wait(self, client: str) -> float:
        """Seconds until `client` may try a token again; 0 when it may now."""
        with self._lock:
            now = self.clock()
            waits = [
                self._wait(key, limit, now)
                for key, limit in ((client, self.per_client), ("", self.overall))
            ]
            return max(waits)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            for key in (client, ""):
                self._failures.setdefault(key, collections.deque()).append(now)

    def _wait(self, key: str, limit: int, now: float) -> float:
        times = self._failures.get(key)
        if times is None:
            return 0.0
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return 0.0
        return 0.0 if len(times) < limit else times[0] + self.window - now
