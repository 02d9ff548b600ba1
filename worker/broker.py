"""The broker's edges: the embedded message folder made safe on a full disk, and the check
that tells when Redis has forgotten its queues.

kombu's filesystem transport writes each message straight into the queue folder and reads
whatever it finds there: a full disk leaves empty message files behind, and each one then
stopped the worker's main process when it was read. Here a message is written aside and
renamed in whole, and one that cannot be read is set aside instead of raised.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from logging import WARNING
from queue import Empty
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import TRANSPORT_ALIASES, filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

from worker.logs import event

log = logging.getLogger("paperfeed.broker")
EMBEDDED_SCHEME = "paperfeed-fs"
CORRUPT_FOLDER = "corrupt"  # beside the queue folder: message files that could not be read
EPOCH_KEY = "paperfeed:broker-epoch"


class Channel(filesystem.Channel):
    """kombu's filesystem channel, with whole-file writes and unreadable messages set aside."""

    # kombu's two base classes name the second parameter differently (message, payload).
    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:  # type: ignore[override]
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        folder = self.data_folder_out
        partial = os.path.join(folder, f".{name}.part")  # hidden: never read as a message
        try:
            with open(partial, "xb") as out:
                out.write(str_to_bytes(dumps(payload)))
            os.rename(partial, os.path.join(folder, name))
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise ChannelError(f"cannot add a message to {folder}: {exc.strerror}") from exc

    def _get(self, queue: str, timeout: float | None = None) -> Any:
        wanted = f"{queue}.msg"
        folder = self.data_folder_in
        staging = self.processed_folder
        for name in sorted(os.listdir(folder)):
            if name.partition(".")[2] != wanted:
                continue
            taken = os.path.join(staging, name)
            try:
                os.rename(os.path.join(folder, name), taken)  # one reader takes each message
            except OSError:
                continue  # another reader took it
            try:
                with open(taken, "rb") as handle:
                    payload = handle.read()
                message = loads(bytes_to_str(payload))
            except (OSError, ValueError) as exc:
                self._set_aside(taken, name, exc)
                continue
            with contextlib.suppress(OSError):
                os.remove(taken)
            return message
        raise Empty()  # what kombu's virtual channel takes for "no message now"

    def _set_aside(self, taken: str, name: str, problem: Exception) -> None:
        """Keep an unreadable message file for a person to look at, or drop it when even that
        fails; the ledger hands the work it named out again either way."""
        corrupt = os.path.join(os.path.dirname(self.data_folder_in), CORRUPT_FOLDER)
        try:
            os.makedirs(corrupt, exist_ok=True)
            os.rename(taken, os.path.join(corrupt, name))
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(taken)
        event(log, "broker_message", WARNING, status="unreadable", file=name, error=problem)


class Transport(filesystem.Transport):
    Channel = Channel


TRANSPORT_ALIASES[EMBEDDED_SCHEME] = f"{__name__}:Transport"


def corrupt_messages(broker_dir: os.PathLike[str] | str) -> int:
    """How many unreadable message files the embedded broker has set aside."""
    folder = os.path.join(broker_dir, CORRUPT_FOLDER)
    try:
        return len(os.listdir(folder))
    except FileNotFoundError:
        return 0


def redis_forgot(broker_url: str) -> bool:
    """True when Redis has lost what it held since the last call anywhere (a restart without
    persistence, a flush): the key this sets is gone. The first caller to notice sets it
    again and alone gets True, so one scan puts back the messages that were lost."""
    import redis

    client = redis.Redis.from_url(broker_url, socket_timeout=5)
    try:
        return bool(client.set(EPOCH_KEY, json.dumps(str(uuid.uuid4())), nx=True))
    finally:
        client.close()
