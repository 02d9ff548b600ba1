"""The public API: render_text, to_json, parse_bytes, version, and purity of the package."""

from __future__ import annotations

import json
import subprocess
import sys

from worker.parsing import PARSER_VERSION, parse_bytes, parse_issue, render_text

TEXT = (
    "汇聚共识\n\n青河区委中心组专题学习\n\n本报讯（记者王孟鹤 通讯员赵炎）第一段。\n\n第二段。\n\n"
    "责任编辑：张三\n\n【第2版】\n\n（上接第1版）会议还听取了汇报"
)


def test_render_shows_headline_group_credits_numbered_paragraphs_and_leftovers() -> None:
    out = render_text(parse_issue(TEXT))
    for piece in (
        "== 第1版 ==",
        "[引题] 汇聚共识",
        "# 青河区委中心组专题学习",
        "dateline: 本报讯",
        "记者: 王孟鹤",
        "通讯员: 赵炎",
        " 1. 第一段。",
        " 2. 第二段。",
        "-- furniture --",
        "line 9: 责任编辑：张三",
        "-- warnings --",
    ):
        assert piece in out, piece


def test_render_is_deterministic() -> None:
    assert render_text(parse_issue(TEXT)) == render_text(parse_issue(TEXT))


def test_json_has_the_spec_fields_and_round_trips() -> None:
    data = json.loads(json.dumps(parse_bytes(TEXT.encode()).to_json(), ensure_ascii=False))
    assert {"publication", "date", "encoding", "pages", "articles", "warnings"} <= set(data)
    article = data["articles"][0]
    assert {
        "page",
        "section",
        "kind",
        "kicker",
        "headline",
        "subtitle",
        "dateline",
        "reporters",
        "correspondents",
        "photographers",
        "interns",
        "paragraphs",
    } <= set(article)
    assert data["parser_version"] == PARSER_VERSION


def test_parser_imports_no_services_and_no_logging() -> None:
    code = (
        "import sys, worker.parsing as p\n"
        "p.parse_bytes('标题\\n\\n本报讯（记者王孟鹤）正文。'.encode())\n"
        "bad = {'sqlalchemy', 'celery', 'redis', 'requests', 'logging', 'kombu'}\n"
        "print(sorted(bad & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
