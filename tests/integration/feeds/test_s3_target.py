"""S3Target against moto's S3 server on 127.0.0.1: objects, headers, and no rewrite of an
unchanged object, so several worker hosts can publish to one bucket."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from feeds.publish import publish_feeds
from feeds.targets import S3Target, put_if_changed
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec, two_day_feed
from tests.unit.feeds.rfc4287 import check_atom

pytestmark = pytest.mark.integration

REQUIRED = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BUCKET = "paperfeed-public"


def _need(module: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as exc:
        message = f"{module} is not installed ({exc}); install the dev group (moto[server])"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


@dataclass(frozen=True)
class Bucket:
    endpoint: str
    client: Any

    def head(self, key: str) -> Any:
        return self.client.head_object(Bucket=BUCKET, Key=key)


@pytest.fixture
def bucket(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Bucket]:
    boto3 = _need("boto3")
    server_module = _need("moto.server")
    # Dummy credentials only, and no profile or config file of whoever runs the tests.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        client = boto3.client("s3", endpoint_url=endpoint)
        client.create_bucket(Bucket=BUCKET)
        yield Bucket(endpoint, client)
    finally:
        server.stop()


def target(bucket: Bucket) -> S3Target:
    # Built from the endpoint, as a worker configured with a bucket URL would.
    return S3Target(BUCKET, prefix="site/", endpoint_url=bucket.endpoint)


def test_publish_puts_objects_with_type_cache_control_and_hash(bucket: Bucket) -> None:
    report = publish_feeds(target(bucket), [two_day_feed()], base_url=BASE_URL, site_title="t")
    assert "feeds/all.atom" in report.written_files
    head = bucket.head("site/feeds/all.atom")
    assert head["ContentType"] == "application/atom+xml; charset=utf-8"
    assert head["CacheControl"] == "public, max-age=300"
    body = bucket.client.get_object(Bucket=BUCKET, Key="site/feeds/all.atom")["Body"].read()
    assert head["Metadata"]["sha256"] == hashlib.sha256(body).hexdigest()
    assert check_atom(body) == []
    assert bucket.head("site/index.html")["ContentType"] == "text/html; charset=utf-8"
    assert bucket.head("site/feeds/all.json")["ContentType"] == "application/feed+json"


def test_second_host_publishing_the_same_data_rewrites_nothing(bucket: Bucket) -> None:
    feeds = [two_day_feed(), spec(entry(), path="people/wang-menghe", kind="person")]
    publish_feeds(target(bucket), feeds, base_url=BASE_URL, site_title="t")
    before = bucket.head("site/feeds/all.atom")
    other_host = target(bucket)
    report = publish_feeds(other_host, feeds, base_url=BASE_URL, site_title="t")
    assert report.written_files == () and report.changed_feed_urls == ()
    after = bucket.head("site/feeds/all.atom")
    assert (after["ETag"], after["LastModified"]) == (before["ETag"], before["LastModified"])


def test_changed_feed_rewrites_only_its_objects(bucket: Bucket) -> None:
    person = spec(entry(), path="people/wang-menghe", kind="person", title="王孟鹤")
    publish_feeds(target(bucket), [two_day_feed(), person], base_url=BASE_URL, site_title="t")
    renamed = spec(entry(), path="people/wang-menghe", kind="person", title="王孟鹤（记者）")
    report = publish_feeds(
        target(bucket), [two_day_feed(), renamed], base_url=BASE_URL, site_title="t"
    )
    assert {p for p in report.written_files if p.startswith("feeds/")} == {
        "feeds/people/wang-menghe.atom",
        "feeds/people/wang-menghe.rss",
        "feeds/people/wang-menghe.json",
        "feeds/people.opml",
    }


def test_object_uploaded_without_hash_is_compared_by_etag(bucket: Bucket) -> None:
    data = b"<p>\xe4\xbd\xa0</p>"
    bucket.client.put_object(
        Bucket=BUCKET,
        Key="site/a.html",
        Body=data,
        ContentType="text/html; charset=utf-8",
        CacheControl="public, max-age=300",
    )
    s3 = target(bucket)
    assert put_if_changed(s3, "a.html", data, "text/html; charset=utf-8") is False
    assert put_if_changed(s3, "a.html", data + b"!", "text/html; charset=utf-8") is True


def test_wrong_content_type_is_fixed_even_for_same_bytes(bucket: Bucket) -> None:
    s3 = target(bucket)
    s3.write("a.atom", b"<feed/>", "application/octet-stream")
    assert put_if_changed(s3, "a.atom", b"<feed/>", "application/atom+xml; charset=utf-8")
    assert bucket.head("site/a.atom")["ContentType"] == "application/atom+xml; charset=utf-8"


def test_read_gives_bytes_or_none(bucket: Bucket) -> None:
    s3 = target(bucket)
    assert s3.read("missing.atom") is None
    s3.write("x.txt", b"x", "text/plain; charset=utf-8")
    assert s3.read("x.txt") == b"x"
    assert isinstance(bucket.head("site/x.txt")["LastModified"], dt.datetime)
