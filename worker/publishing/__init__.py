"""Publishing: stored articles out as feeds and pages. A run (`runs`) takes the dirty marks
over, plans what to write of each changed feed (`plans`, `selection`), reads their entries
(`ahead`, `entries`), renders and writes the documents (`documents`) to a folder or a
bucket (`targets`), then pings the WebSub hub (`websub`); `check` compares what is
published with the database."""

from __future__ import annotations

from worker.publishing.runs import (
    publish_dirty,
    publish_feeds,
    publish_leased,
    publish_owed,
    publish_wait,
)

__all__ = ["publish_dirty", "publish_feeds", "publish_leased", "publish_owed", "publish_wait"]
