"""Where publish_feeds puts files: a local directory (the default) or an S3-compatible bucket
that several worker hosts can publish to.

A target stores bytes under relative POSIX paths (``feeds/all.atom``). Both targets here
leave an unchanged file alone, so HTTP validators keep answering "304 Not Modified".
The folder target's temporary files, fsyncs and renames are `feeds.durable`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from feeds import durable
from feeds.errors import FeedError

DEFAULT_CACHE_CONTROL = "public, max-age=300"
HASH_KEY = "sha256"  # object metadata (x-amz-meta-sha256) holding the hex digest of the body


@runtime_checkable
class PublishTarget(Protocol):
    """Anything that can store a published file and give it back."""

    def read(self, path: str) -> bytes | None:
        """The stored bytes at ``path``, or None when there is no such file."""
        ...

    def write(self, path: str, data: bytes, content_type: str) -> None:
        """Store ``data`` at ``path``; a reader sees the old bytes or the new, never a mix."""
        ...


@runtime_checkable
class ChangeAwareTarget(PublishTarget, Protocol):
    """A target that can tell cheaply whether a file already holds the bytes."""

    def write_if_changed(self, path: str, data: bytes, content_type: str) -> bool:
        """Store ``data`` unless ``path`` already holds it; True when it was written."""
        ...


def put_if_changed(target: PublishTarget, path: str, data: bytes, content_type: str) -> bool:
    """Write ``data`` unless the target already holds exactly it; True when written.

    Uses the target's own comparison when it has one, else reads the file back.
    """
    if isinstance(target, ChangeAwareTarget):
        return target.write_if_changed(path, data, content_type)
    if target.read(path) == data:
        return False
    target.write(path, data, content_type)
    return True


def delete_file(target: PublishTarget, path: str) -> bool:
    """Delete ``path`` from a target that can delete (both targets here can); True when a
    file was there."""
    remover = getattr(target, "delete", None)
    if remover is None:
        return False
    return bool(remover(path))


def check_relative(path: str, *, what: str = "feed path") -> str:
    """``path`` if it is a relative POSIX path of plain, visible names; FeedError otherwise.

    Paths come from slugs and article keys, but a path is a file name: ``../x``, ``/etc/x``,
    an empty segment or a hidden name (the server refuses those) is a bug upstream and must
    not write outside the public directory.
    """
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or path.startswith("/")  # a POSIX path is absolute exactly when it starts so
        or any(part in {"", ".", ".."} or part.startswith(".") for part in path.split("/"))
    ):
        raise FeedError(f"{what} {path!r} is not a relative path of plain names")
    return path


class DirectoryTarget:
    """Files under ``root``, replaced atomically (temp file + rename), mode 0644."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"DirectoryTarget({str(self.root)!r})"

    def location(self, path: str) -> Path:
        """The file ``path`` names under the root; FeedError for a path that would leave it."""
        return self.root / check_relative(path, what="path")

    def read(self, path: str) -> bytes | None:
        try:
            return self.location(path).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, path: str, data: bytes, content_type: str) -> None:
        durable.replace_file(self.location(path), data)

    def write_if_changed(self, path: str, data: bytes, content_type: str) -> bool:
        return durable.write_if_changed(self.location(path), data)

    def delete(self, path: str) -> bool:
        """Remove the file at ``path``; True when there was one."""
        try:
            self.location(path).unlink()
        except FileNotFoundError:
            return False
        return True

    def write_changed(self, files: list[tuple[str, bytes]]) -> list[bool]:
        """Write each ``(path, data)`` that differs from the file there, as
        ``write_if_changed`` would, but as one batch (``DirectoryBatch``); True for each
        file written."""
        batch = self.batch()
        try:
            for path, data in files:
                batch.stage(path, data)
        except BaseException:
            batch.discard()
            raise
        return batch.commit()

    def batch(self) -> DirectoryBatch:
        """A set of files to replace together (``DirectoryBatch``)."""
        return DirectoryBatch(self)


class DirectoryBatch:
    """Files replaced together: each one staged as a temporary file beside its place as it
    comes (so the caller need not hold them all), made durable, then renamed into place in
    the order staged by ``commit``. ``discard``, or a failure before the renames, leaves
    every file as it was.

    Creating a file is the costly part on many filesystems (a new inode, its directory
    entry), and much of it is waiting: temporary files are written by a few threads while
    the caller renders the next ones, at most IN_FLIGHT files held at a time.

    A publish replaces a hundred files, a rebuild a hundred thousand; one fsync after
    another was most of their time. On Linux the filesystem is synced once before the
    renames and once after (``syncfs``); elsewhere the files' fsyncs run side by side and
    each directory is synced once.
    """

    THREADS = 4
    IN_FLIGHT = 64

    def __init__(self, target: DirectoryTarget) -> None:
        self.target = target
        # Per file staged, in order: its place, and its temporary file once written (None:
        # unchanged) or the work that writes it. Done work is replaced by its result, so
        # that a batch of a hundred thousand files holds names, not futures.
        self.staged: list[tuple[str, Future[str | None] | str | None]] = []
        self.made: set[Path] = set()  # folders known to exist
        self._pool: ThreadPoolExecutor | None = None
        self._waiting: deque[int] = deque()

    def stage(self, path: str, data: bytes) -> None:
        """Stage ``data`` for ``path``, unless the file there holds exactly it (``commit``
        says which were written)."""
        location = self.target.location(path)
        parent = location.parent
        if parent not in self.made:
            parent.mkdir(parents=True, exist_ok=True)
            self.made.add(parent)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="paperfeed-stage")
        self.staged.append((str(location), self._pool.submit(durable.stage_file, location, data)))
        self._waiting.append(len(self.staged) - 1)
        while len(self._waiting) > self.IN_FLIGHT:
            self._settle(self._waiting.popleft())

    def _settle(self, index: int) -> str | None:
        location, work = self.staged[index]
        if isinstance(work, Future):
            work = work.result()
            self.staged[index] = (location, work)
        return work

    def discard(self) -> None:
        """Remove what was staged; nothing is replaced."""
        for index in range(len(self.staged)):
            with contextlib.suppress(Exception):
                tmp = self._settle(index)
                if tmp is not None:
                    os.unlink(tmp)
        self.staged = []
        self._close()

    def commit(self) -> list[bool]:
        """Make the staged files durable, then rename them into place in order; for each
        file staged, whether it was written (False: it already held those bytes)."""
        try:
            temps = [self._settle(index) for index in range(len(self.staged))]
            written = [
                (location, tmp)
                for (location, _), tmp in zip(self.staged, temps, strict=True)
                if tmp is not None
            ]
            root = self.target.root
            whole_filesystem = bool(written) and durable.syncfs(root)
            if written and not whole_filesystem:
                assert self._pool is not None
                list(self._pool.map(durable.fsync_path, (tmp for _, tmp in written)))
        except BaseException:
            self.discard()
            raise
        self.staged = []
        self._close()
        for location, tmp in written:
            os.replace(tmp, location)
        if not (whole_filesystem and durable.syncfs(root)):
            for directory in dict.fromkeys(os.path.dirname(location) for location, _ in written):
                durable.fsync_dir(Path(directory))
        return [tmp is not None for tmp in temps]

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._waiting.clear()


class S3Target:
    """Objects in an S3-compatible bucket (AWS, MinIO, Ceph, R2 ...) under ``prefix``.

    Each object carries its Content-Type (with charset), a Cache-Control and the SHA-256 of
    its body in metadata; ``write_if_changed`` compares that digest after a HEAD request, so
    an unchanged file costs one HEAD and is never rewritten (its ETag and Last-Modified stay).
    ``client`` is a boto3 S3 client; without one, it is made from the usual AWS settings.
    """

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        client: Any = None,
        endpoint_url: str | None = None,
        *,
        cache_control: str = DEFAULT_CACHE_CONTROL,
    ) -> None:
        if client is None:
            # Imported here: boto3 is needed only by those who publish to a bucket.
            import boto3  # type: ignore[import-untyped]

            client = boto3.client("s3", endpoint_url=endpoint_url)
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client
        self.cache_control = cache_control

    def __repr__(self) -> str:
        return f"S3Target(bucket={self.bucket!r}, prefix={self.prefix!r})"

    def key(self, path: str) -> str:
        """The object key of ``path``: ``<prefix>/<path>``."""
        check_relative(path, what="path")
        return f"{self.prefix}/{path}" if self.prefix else path

    def read(self, path: str) -> bytes | None:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.key(path))
        except Exception as exc:
            if _is_missing(exc):
                return None
            raise
        body: bytes = answer["Body"].read()
        return body

    def write(self, path: str, data: bytes, content_type: str) -> None:
        self.client.put_object(
            Bucket=self.bucket,
            Key=self.key(path),
            Body=data,
            ContentType=content_type,
            CacheControl=self.cache_control,
            Metadata={HASH_KEY: hashlib.sha256(data).hexdigest()},
        )

    def delete(self, path: str) -> bool:
        """Delete the object of ``path``; True when there was one."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(path))
        except Exception as exc:
            if _is_missing(exc):
                return False
            raise
        self.client.delete_object(Bucket=self.bucket, Key=self.key(path))
        return True

    def write_if_changed(self, path: str, data: bytes, content_type: str) -> bool:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(path))
        except Exception as exc:
            if not _is_missing(exc):
                raise
            head = None
        if head is not None and self._same(head, data, content_type):
            return False
        self.write(path, data, content_type)
        return True

    def _same(self, head: dict[str, Any], data: bytes, content_type: str) -> bool:
        if head.get("ContentType") != content_type or head.get("CacheControl") != (
            self.cache_control
        ):
            return False  # same bytes, but served wrongly: rewrite to fix the headers
        stored = head.get("Metadata", {}).get(HASH_KEY)
        if stored is not None:
            return bool(stored == hashlib.sha256(data).hexdigest())
        # Uploaded by something else: a single-part upload's ETag is the MD5 of the body.
        etag = str(head.get("ETag", "")).strip('"')
        return etag == hashlib.md5(data, usedforsecurity=False).hexdigest()


def _is_missing(exc: Exception) -> bool:
    """Whether a botocore ClientError says "no such object" (404 / NoSuchKey)."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return False
    code = str(response.get("Error", {}).get("Code", ""))
    return code in {"404", "NoSuchKey", "NotFound"}
