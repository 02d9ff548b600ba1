"""Publishing from the database never shows a reader a placeholder title or a role word
credited as a person: an article without a headline is titled from its caption, and a
stored credit whose name is no person's (`新闻（摄影）`) is left out."""

from __future__ import annotations

from collections.abc import Callable

import feedparser
from sqlalchemy import select, update

from tests.unit.test_publish import _ingest
from worker import publishing
from worker.db import session_scope
from worker.models import Article, Person
from worker.settings import Settings


def _publish_with_a_caption_and_a_role_word(settings: Settings) -> None:
    """The sample issue, its first article's headline lost and its correspondent stored
    as the word `新闻`, as a parser mistake would leave them."""
    _ingest(settings)
    with session_scope(settings.database_url) as session:
        session.execute(
            update(Article).where(Article.headline == "青河新桥今日通车").values(headline="")
        )
        session.execute(update(Person).where(Person.name == "周川").values(name="新闻"))
        assert session.scalar(select(Person.slug).where(Person.name == "新闻"))
    publishing.publish_dirty(settings)


def test_untitled_article_is_titled_by_its_caption_in_every_document(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    _publish_with_a_caption_and_a_role_word(settings)
    public = settings.public_dir
    for name in ("all.atom", "all.rss"):
        titles = [e.title for e in feedparser.parse((public / "feeds" / name).read_bytes()).entries]
        assert sorted(titles) == [
            "11月19日上午，青河新桥正式通车，市民可以步行过桥",
            "秋粮入库过半",
        ]
    pages = [*public.glob("articles/**/*.html"), *public.glob("sections/*.html")]
    assert pages
    for page in pages:
        assert "无标题" not in page.read_text(encoding="utf-8"), page


def test_role_word_is_never_an_author_nor_a_listed_person(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    _publish_with_a_caption_and_a_role_word(settings)
    public = settings.public_dir
    for name in ("all.atom", "all.rss"):
        parsed = feedparser.parse((public / "feeds" / name).read_bytes())
        assert sorted(e.author for e in parsed.entries) == ["林晓（记者）", "林晓（记者）"]
        assert all("新闻" not in c["name"] for e in parsed.entries for c in e.contributors)
    assert "新闻 · 青河日报" not in (public / "index.html").read_text(encoding="utf-8")
    assert "新闻 · 青河日报" not in (public / "feeds.opml").read_text(encoding="utf-8")


def test_feeds_name_their_paper_as_author_and_the_site_icon(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(PAPERFEED_SITE_TITLE="卫东数字报")
    _ingest(settings)
    publishing.publish_dirty(settings)
    public = settings.public_dir
    for name in ("sections/yao-wen.atom", "papers/qing-he-ri-bao.rss", "people/lin-xiao.atom"):
        parsed = feedparser.parse((public / "feeds" / name).read_bytes())
        assert parsed.feed.author == "青河日报", name
    # Every paper's articles: the site, whose name does not change as papers are added.
    for name in ("all.atom", "all.rss"):
        parsed = feedparser.parse((public / "feeds" / name).read_bytes())
        assert parsed.feed.author == settings.site_title == "卫东数字报", name
    icon = f"{settings.base_url}/icon.png"
    assert feedparser.parse((public / "feeds" / "all.atom").read_bytes()).feed.icon == icon
    assert (public / "icon.png").read_bytes().startswith(b"\x89PNG")
    assert (public / "favicon.ico").read_bytes()[22:] == (public / "icon.png").read_bytes()
