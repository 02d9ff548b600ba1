"""Intake: what arrives and how it is taken in. Drop folders are scanned and their files
claimed (`drop`), URL sources fetched (`fetch`), each file recorded in the ledger
(`claims`), each source scanned under its lease (`source_scan`; URL sources polled in
`polling`), and the inputs found sent to the ingest queue (`scanning`)."""

from __future__ import annotations

from worker.intake.claims import file_digest, file_modified, register_claim
from worker.intake.polling import URL_POLL_SECONDS, poll_url, url_source_due
from worker.intake.scanning import (
    ScanResult,
    give_back,
    pending_inputs,
    rescan,
    scan,
    scan_drop,
    send_all,
)

__all__ = [
    "URL_POLL_SECONDS",
    "ScanResult",
    "file_digest",
    "file_modified",
    "give_back",
    "pending_inputs",
    "poll_url",
    "register_claim",
    "rescan",
    "scan",
    "scan_drop",
    "send_all",
    "url_source_due",
]
