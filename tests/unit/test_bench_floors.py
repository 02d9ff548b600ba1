"""The floors `make bench` prints beside its figures do the work they claim: the same
documents, the same Celery settings, the same paragraphs. Nothing here is timed."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from benchmarks import celery_floor, noop_app, render_floor
from benchmarks.__main__ import table
from benchmarks.common import Row
from benchmarks.parse_bench import split_floor
from feeds.publish import publish_feeds
from tests.unit.feeds.feedsamples import ATOM, BASE_URL, entry, spec
from worker.broker import EMBEDDED_SCHEME
from worker.celery_app import celery_config
from worker.settings import load_settings


def test_parse_floor_cuts_paragraphs_at_blank_lines() -> None:
    text = "卫东区新建三所学校\n\n今年秋季。\n \u3000\n区教育局表示。\r\n\r\n完"
    assert split_floor(text.encode("utf-8")) == 4


def test_publish_floor_writes_every_entry_of_the_documents_the_publish_wrote(
    tmp_path: Path,
) -> None:
    feed = spec(entry(), entry(id="tag:weidong-daily,2024-05-01:05-2", title="第二篇"))
    with render_floor.capture() as documents:
        publish_feeds(tmp_path, [feed], base_url=BASE_URL, site_title="卫东日报")
    assert documents == [feed]

    prepared = render_floor.prepare(documents, BASE_URL)
    atom, rss = render_floor.xml_documents(*prepared[0])
    document = json.loads(render_floor.json_document(*prepared[0]))
    assert len(etree.fromstring(atom).findall(f"{{{ATOM}}}entry")) == 2
    assert len(etree.fromstring(rss).findall("channel/item")) == 2
    assert [item["title"] for item in document["items"]] == ["卫东区新建三所学校", "第二篇"]
    assert render_floor.render(prepared)[2] == len(atom) + len(rss) + len(
        render_floor.json_document(*prepared[0])
    )


def test_bare_celery_worker_gets_paperfeeds_settings(tmp_path: Path) -> None:
    settings = load_settings(
        {"PAPERFEED_HOME": str(tmp_path), "CELERY_BROKER_URL": "redis://127.0.0.1:6379/7"}
    )
    config = json.loads(json.dumps(celery_floor.bare_config(settings)))
    app = noop_app.make_app(config)

    ours = celery_config(settings)
    for key in set(ours) - set(celery_floor.LEFT_OUT):
        assert app.conf[key] == ours[key], key
    assert [q.name for q in app.conf.task_queues] == [q.name for q in ours["task_queues"][:2]]
    assert app.conf.beat_schedule["noop"]["schedule"] == settings.scan_interval
    assert "bare.noop" in app.tasks


def test_table_prints_each_floor_and_ratio_beside_its_figure() -> None:
    row = Row("parse", "16.7 MB/s", ">= 40 MB/s", False, floor="255 MB/s", ratio="15x")
    assert table([row]).splitlines()[-1] == (
        "| parse | 16.7 MB/s | 255 MB/s | 15x | >= 40 MB/s | MISSED |"
    )


def test_bare_celery_worker_on_the_embedded_broker_uses_paperfeeds_transport(
    tmp_path: Path,
) -> None:
    from kombu.transport import resolve_transport

    from worker.broker import Transport

    settings = load_settings({"PAPERFEED_HOME": str(tmp_path)})
    config = json.loads(json.dumps(celery_floor.bare_config(settings)))
    app = noop_app.make_app(config)

    assert noop_app.EMBEDDED_SCHEME == EMBEDDED_SCHEME
    assert app.conf.broker_url == celery_config(settings)["broker_url"]
    assert resolve_transport(app.conf.broker_url.partition(":")[0]) is Transport
    assert app.conf.broker_transport_options == celery_config(settings)["broker_transport_options"]
