"""Intake: what arrives and how it is taken in. Drop folders are scanned and their files
claimed (`drop`), URL sources fetched (`fetch`), each file recorded in the ledger
(`claims`), and the inputs found sent to the ingest queue (`scanning`)."""

from __future__ import annotations

from worker.intake.claims import file_digest, file_modified, register_claim
from worker.intake.scanning import (
    URL_POLL_SECONDS,
    ScanResult,
    pending_inputs,
    poll_url,
    rescan,
    scan,
    scan_drop,
    send_all,
    url_source_due,
)

__all__ = [
    "URL_POLL_SECONDS",
    "ScanResult",
    "file_digest",
    "file_modified",
    "pending_inputs",
    "poll_url",
    "register_claim",
    "rescan",
    "scan",
    "scan_drop",
    "send_all",
    "url_source_due",
]
