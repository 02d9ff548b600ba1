"""Reading ahead: the entries of the next documents a publish writes, read for many feeds
at once rather than feed by feed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from worker.publishing.entries import EntryCache, Member, Range, full_entries, members_of
from worker.publishing.plans import FeedPlan


class ReadAhead:
    """The live entries of the parts (`FeedPlan.parts`) of the next feeds of a publish,
    read together: a publish after one issue writes twenty feeds of fifty-odd entries, and
    reading them feed by feed took four statements a feed, most of them for a few articles
    each. Their whole entries go into the publish's `EntryCache`; ranges spanning at most
    BUDGET entry numbers are read at a time, well under what the cache holds, so what is
    read ahead is still there when its feed is written (and is loaded again if not). The
    publish reads one snapshot (`documents.snapshot`): rows read ahead are the rows a read
    at the feed's turn would give."""

    BUDGET = 2000

    def __init__(
        self, session: Session, plans: list[FeedPlan], cache: EntryCache, tz: ZoneInfo
    ) -> None:
        self.session, self.plans, self.cache, self.tz = session, plans, cache, tz
        self.place = {id(plan): n for n, plan in enumerate(plans)}
        self.rows: dict[Range, list[Member]] = {}

    def members(self, plan: FeedPlan, low: int, high: int) -> list[Member] | None:
        """The entries of `plan` numbered `low` < seq <= `high`, as `member_rows` gives
        them, or None for a range not read ahead (a plan made after this one was)."""
        wanted = (plan.info.key, low, high)
        if wanted not in self.rows and id(plan) in self.place:
            self._read_from(self.place[id(plan)])
        return self.rows.pop(wanted, None)

    def _read_from(self, first: int) -> None:
        ranges: list[Range] = []
        span = 0
        for plan in self.plans[first:]:
            for _, low, high in plan.parts():
                if ranges and span + high - low > self.BUDGET:
                    break
                ranges.append((plan.info.key, low, high))
                span += high - low
            else:
                continue
            break
        self.rows = members_of(self.session, ranges)
        wanted = {row.id for rows in self.rows.values() for row in rows}
        full_entries(self.session, wanted, self.tz, self.cache)
