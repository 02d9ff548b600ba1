"""`paperfeed status` as text: one line per source, then the system, then what needs a
person."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from worker.status import Status


def render_text(status: Status, *, tz: dt.tzinfo) -> str:
    """The human view of `paperfeed status`: one line per source, then the system."""
    lines = [f"paperfeed status at {_when(status.checked_at, tz)} ({status.broker} broker)", ""]
    header = ("source", "on", "last poll", "last ingest", "newest", "24h", "last error")
    table = [header]
    for s in status.sources:
        on = s.state.upper() if s.folder_state else s.state
        error = "-"
        if s.last_error:
            error = f"{_when(s.last_error_at, tz)} {_clip(s.last_error, 60)}"
        table.append((
            s.name + (" QUIET" if s.quiet else ""), on, _when(s.last_scan_at, tz),
            _when(s.last_success_at, tz), str(s.newest_issue_date or "-"), str(s.articles_24h),
            error,
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    lines.append("")
    queues = ", ".join(f"{q} {'?' if n is None else n}" for q, n in status.queues.items())
    lines.append(f"queues: {queues}")
    workers = "unknown (embedded broker)" if status.workers is None else (
        ", ".join(status.workers) or "none")  # fmt: skip
    lines.append(f"workers: {workers}")
    lines.append(f"failed in the last 24 h: {len(status.failures)}")
    for failure in status.failures[:20]:
        when, error = _when(failure.at, tz), _clip(failure.error, 80)
        dismissed = " (dismissed)" if failure.dismissed else ""
        lines.append(f"  {when} {failure.what} [{failure.reason}]{dismissed} {error}")
    for source in status.sources:
        if source.leftovers:
            lines.append(f"left in {source.name}'s drop folder: {len(source.leftovers)}")
            lines.extend(f"  {_clip(item, 100)}" for item in source.leftovers[:20])
    lines.append("")
    if status.warnings:
        lines.append("WARNINGS:")
        lines.extend(f"  - {warning}" for warning in status.warnings)
    if status.ok:
        lines.append("OK: nothing needs attention")
    else:
        lines.append("NEEDS ATTENTION:")
        lines.extend(f"  - {problem}" for problem in status.problems)
    return "\n".join(lines)


def _when(moment: dt.datetime | None, tz: dt.tzinfo) -> str:
    return "-" if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
