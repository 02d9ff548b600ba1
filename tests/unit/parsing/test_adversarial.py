"""A 20 MB issue of short lines, repeated datelines and no blank line parses whole.

Paragraph joining was quadratic on such a file (163 s for 3.8 MB). `make bench` prints how
long this parse takes; the test checks what it returns, never how long it took.
"""

from __future__ import annotations

from collections import Counter

from benchmarks.parse_bench import adversarial_issue
from worker.parsing import parse_bytes
from worker.parsing.accounting import output_parts

MB = 1_000_000


def test_twenty_megabytes_of_short_lines_lose_nothing() -> None:
    data = adversarial_issue(20 * MB)
    issue = parse_bytes(data)
    text = data.decode("utf-8")
    # The file has no control characters, so every non-space character must come back.
    want = Counter(text)
    got: Counter[str] = Counter()
    for part in output_parts(issue):
        got.update(part)
    for counter in (want, got):
        for space in (" ", "\n", "\u3000"):
            counter.pop(space, None)
    assert got == want
    assert len(data) >= 20 * MB
    assert issue.articles and len(issue.pages) == 1
