"""Database models, one module per domain: the shared column types (`base`), paper content
(`issues`), feed state between publishes (`feed_state`) and the record of work (`work`).
Everything is importable from here, as `from worker.models import Article`."""

from __future__ import annotations

from worker.models.base import NAMING, Base, UTCDateTime, table_of
from worker.models.feed_state import (
    DirtyFeed,
    FeedArchive,
    FeedCount,
    FeedMember,
    FeedPage,
    PublishedOutput,
)
from worker.models.issues import (
    Article,
    Credit,
    Edition,
    EditionPart,
    Issue,
    Person,
    PersonRole,
    Publication,
    Section,
    Source,
)
from worker.models.work import (
    DURATION_BUCKETS,
    FetchState,
    Input,
    Lock,
    TaskDuration,
    TaskFailure,
    TaskStat,
)

__all__ = [
    "DURATION_BUCKETS",
    "NAMING",
    "Article",
    "Base",
    "Credit",
    "DirtyFeed",
    "Edition",
    "EditionPart",
    "FeedArchive",
    "FeedCount",
    "FeedMember",
    "FeedPage",
    "FetchState",
    "Input",
    "Issue",
    "Lock",
    "Person",
    "PersonRole",
    "Publication",
    "PublishedOutput",
    "Section",
    "Source",
    "TaskDuration",
    "TaskFailure",
    "TaskStat",
    "UTCDateTime",
    "table_of",
]
