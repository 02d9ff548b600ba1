"""Fault injection for the reliability tests; does nothing unless PAPERFEED_FAULTS is set.

A spec is `;`-separated rules `STAGE:ACTION:GLOB`, where STAGE is `parse` (just before an
input is parsed) or `after_commit` (after its issue committed, before its file is filed),
ACTION is `sleep=SECONDS`, `exit` (the process dies at once, as under the OOM killer) or
`raise`, and GLOB matches the input's original file name:

    PAPERFEED_FAULTS="parse:sleep=5:slow-*;parse:exit:poison-*;after_commit:raise:crash-*"
"""

from __future__ import annotations

import fnmatch
import os
import time
from dataclasses import dataclass

STAGES = ("parse", "after_commit")


class InjectedFault(RuntimeError):
    """Raised by a `raise` rule."""


@dataclass(frozen=True)
class Fault:
    stage: str
    action: str  # "sleep" | "exit" | "raise"
    pattern: str
    seconds: float = 0.0


def parse_faults(spec: str) -> tuple[Fault, ...]:
    """Read a fault spec; raises ValueError naming the bad rule.

    >>> parse_faults("parse:sleep=2:slow-*")
    (Fault(stage='parse', action='sleep', pattern='slow-*', seconds=2.0),)
    """
    faults = []
    for rule in filter(None, (part.strip() for part in spec.split(";"))):
        stage, _, rest = rule.partition(":")
        action, _, pattern = rest.partition(":")
        name, _, value = action.partition("=")
        if stage not in STAGES or name not in {"sleep", "exit", "raise"} or not pattern:
            raise ValueError(f"bad fault rule {rule!r}: use STAGE:ACTION:GLOB")
        faults.append(Fault(stage, name, pattern, float(value or 0)))
    return tuple(faults)


def inject(faults: tuple[Fault, ...], stage: str, name: str) -> None:
    """Apply every rule for `stage` whose glob matches the input's file name."""
    for fault in faults:
        if fault.stage != stage or not fnmatch.fnmatch(name, fault.pattern):
            continue
        if fault.action == "sleep":
            time.sleep(fault.seconds)
        elif fault.action == "exit":
            os._exit(70)  # no cleanup, no ack: as if the kernel killed the process
        else:
            raise InjectedFault(f"injected fault at {stage} for {name}")
