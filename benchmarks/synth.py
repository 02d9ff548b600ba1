"""Synthetic issue files in the format of the shared spec, built from paperfeed's own templates.

Deterministic: the same seed gives the same bytes, so an archive of any size can be rebuilt
for benchmarks and reliability tests. Every issue is distinct (its number is in the text).

    python -m benchmarks.synth OUT_DIR --issues 200
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩然晨曦子涵"
SECTIONS = ("要闻", "城市", "经济", "民生", "文化", "体育", "国际", "副刊")
PLACES = ("青河区", "东湖街道", "北岸镇", "南山村", "高新区", "老城区", "滨江新区", "西关社区")
TOPICS = (
    ("秋粮收购", "收购价格总体平稳，农户售粮积极"),
    ("老旧小区改造", "改造涉及管网、屋面和无障碍设施"),
    ("夜间市集", "市集设置摊位一百余个，吸引市民前来"),
    ("社区食堂", "食堂为老年人提供优惠套餐"),
    ("河道治理", "治理后河水清澈，两岸步道贯通"),
    ("职业技能培训", "培训覆盖电工、育婴等十余个工种"),
    ("图书馆夜读", "夜读活动每周举办两场"),
    ("青少年足球赛", "比赛共有三十六支队伍参加"),
)
VERBS = ("启动", "推进", "完成", "举办", "开展", "上线", "通过验收", "取得新进展")


def _staff(count: int, seed: int) -> tuple[str, ...]:
    """A newsroom's staff: `count` distinct plausible two- or three-character names."""
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        names[rng.choice(SURNAMES) + given] = None
    return tuple(names)


# A paper has a few dozen reporters and photographers and a larger pool of correspondents.
STAFF = _staff(60, 1)
CORRESPONDENTS = _staff(200, 2)


def person(rng: random.Random, pool: tuple[str, ...] = STAFF) -> str:
    return rng.choice(pool)


def paragraph(rng: random.Random, place: str, topic: tuple[str, str], n: int) -> str:
    sentences = [
        f"{place}{topic[0]}工作持续{rng.choice(VERBS)}，{topic[1]}。",
        f"据介绍，今年以来已累计投入资金{rng.randint(2, 900)}万元，"
        f"惠及群众{rng.randint(100, 9000)}人。",
        f"“我们将继续做好第{n}批项目的跟踪服务。”相关负责人表示。",
        f"下一步，{place}将总结经验，在更大范围内推广。",
    ]
    rng.shuffle(sentences)
    return "".join(sentences[: rng.randint(2, 4)])


def article(
    rng: random.Random, number: int, photo: bool, paragraphs: tuple[int, int] = (2, 5)
) -> str:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    headline = f"{place}{topic[0]}{rng.choice(VERBS)}（{number}）"
    if photo:
        return f"{headline}\n\n{paragraph(rng, place, topic, number)}{person(rng)} 摄"
    reporters = "、".join(dict.fromkeys(person(rng) for _ in range(rng.choice((1, 1, 2)))))
    byline = f"记者{reporters}"
    if rng.random() < 0.5:
        byline += f" 通讯员{person(rng, CORRESPONDENTS)}"
    lines = []
    if rng.random() < 0.3:
        lines.append(f"{rng.choice(('聚焦民生', '扎实推进', '服务群众'))} 第{number}号")
    lines.append(headline)
    body = [paragraph(rng, place, topic, number) for _ in range(rng.randint(*paragraphs))]
    body[0] = f"本报讯（{byline}）{body[0]}"
    return "\n\n".join([*lines, *body])


def make_issue(
    seed: int,
    *,
    date: dt.date | None = None,
    pages: int = 3,
    articles_per_page: int = 3,
    publication: str = "青河日报",
    paragraphs: tuple[int, int] = (2, 5),
) -> bytes:
    """One issue file as UTF-8 bytes; `paragraphs` bounds the paragraphs of each story.

    >>> make_issue(1) == make_issue(1), make_issue(1) == make_issue(2)
    (True, False)
    """
    rng = random.Random(seed)
    date = date or dt.date(2020, 1, 1) + dt.timedelta(days=seed)
    parts = [f"---\npublication: {publication}\ndate: {date.isoformat()}\n---"]
    number = seed * 1000
    for page in range(1, pages + 1):
        section = SECTIONS[(seed + page) % len(SECTIONS)]
        parts.append(f"第{page:02d}版：{section}")
        for index in range(articles_per_page):
            number += 1
            photo = index == articles_per_page - 1 and page == pages
            parts.append(article(rng, number, photo, paragraphs))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


# The shared sample (weidong-page.txt) is ~18 KB holding 10 articles; issues of this shape
# are about that size, for the end-to-end figures.
SAMPLE_SIZED: dict[str, Any] = {"pages": 2, "articles_per_page": 5, "paragraphs": (5, 10)}
# A daily paper: eight pages of six stories, for archives.
DAILY: dict[str, Any] = {"pages": 8, "articles_per_page": 6}


def issue_date(seed: int) -> dt.date:
    """The date `write_archive` gives issue `seed`: one issue a day from 2000-01-01, round
    again after 36,000 days (2098), as issue dates are years 1900-2099: a later date would
    be no date, and every such file an issue of the day it arrived (a correction of the one
    before it, not a back-fill).

    >>> issue_date(1), issue_date(36_001), issue_date(105_000)
    (datetime.date(2000, 1, 2), datetime.date(2000, 1, 2), datetime.date(2090, 5, 8))
    """
    return dt.date(2000, 1, 1) + dt.timedelta(days=seed % _DAYS)


_DAYS = 36_000


def write_archive(folder: Path, issues: int, *, first_seed: int = 1, **options: Any) -> list[Path]:
    """Write `issues` files named by their date into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(first_seed, first_seed + issues):
        date = dt.date(2000, 1, 1) + dt.timedelta(days=seed)
        path = folder / f"{date.isoformat()}-{seed}.txt"
        path.write_bytes(make_issue(seed, date=date, **options))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic archive of issue files.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--articles-per-page", type=int, default=3)
    args = parser.parse_args()
    paths = write_archive(
        args.folder, args.issues, pages=args.pages, articles_per_page=args.articles_per_page
    )
    print(f"wrote {len(paths)} issues to {args.folder}")


if __name__ == "__main__":
    main()
