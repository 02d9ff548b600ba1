"""Whether each drop folder can be scanned: one that is missing, is not a folder or cannot be
listed is named with what to do, for `paperfeed status`, /status, /healthz, `sources list`
and the start banner of `paperfeed run`."""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from worker.problems import Problem
from worker.settings import Settings
from worker.sources import SourceConfig


@dataclass(frozen=True)
class FolderProblem:
    """Why a source's drop folder cannot be scanned: `state` is "missing", "not a folder"
    or "unreadable"; `message` names the folder and the fix."""

    source: str
    folder: Path
    state: str
    message: Problem


def folder_problem(source: SourceConfig, settings: Settings) -> FolderProblem | None:
    """None when `source` is no drop folder, or its folder can be listed.

    >>> from worker.settings import load_settings
    >>> from worker.sources import default_source
    >>> settings = load_settings({"PAPERFEED_DROP_DIR": "/nonexistent/drop"})
    >>> folder_problem(default_source(settings), settings).state
    'missing'
    """
    folder = source.path
    if source.kind != "drop" or folder is None:
        return None
    extra: dict[str, str] = {}
    try:
        with os.scandir(folder):
            return None
    except FileNotFoundError:
        state, code = "missing", "drop_folder_missing"
    except NotADirectoryError:
        state, code = "not a folder", "drop_folder_not_folder"
    except OSError as exc:
        state, code = "unreadable", "drop_folder_unreadable"
        extra = {"error": str(exc.strerror or exc), "user": _user()}
    message = Problem.of(
        code, folder=str(folder), source=source.name, where=_where_configured(settings), **extra
    )
    return FolderProblem(source.name, folder, state, message)


def folder_problems(
    sources: Sequence[SourceConfig], settings: Settings
) -> tuple[FolderProblem, ...]:
    """The problems of every enabled drop source, in the order of the sources."""
    found = (folder_problem(s, settings) for s in sources if s.enabled)
    return tuple(problem for problem in found if problem is not None)


def _where_configured(settings: Settings) -> Problem:
    if settings.sources_file.exists():
        return Problem.of("where_file", file=str(settings.sources_file))
    return Problem.of("where_env")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a uid with no passwd entry (a container's --user)
        return str(os.getuid())
