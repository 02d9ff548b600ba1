"""The problems of `paperfeed status` as codes: every code said in English and in Chinese,
the /status page in Chinese by default, and `status --json` giving each problem's code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.unit.test_status import newsroom
from worker import operations
from worker.problem_texts import TEXTS
from worker.problems import Problem
from worker.status import collect

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
# Phrases that name a code in the sources: Problem.of("code", …), and the families built
# from a key (f"field_{key}", f"process_{name}").
USED = re.compile(r"""Problem\.of\(\s*\n?\s*"([a-z_]+)\"""")


def used_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "worker").rglob("*.py"):
        found |= set(USED.findall(path.read_text(encoding="utf-8")))
    return found


# Codes made from a variable: the folder's state, a leftover's kind, a field, a process.
INDIRECT = {
    "drop_folder_missing", "drop_folder_not_folder", "drop_folder_unreadable",
    "kind_symlink", "kind_folder", "kind_hidden", "kind_special", "kind_partial",
    "process_worker",
}  # fmt: skip


def test_every_code_made_in_the_code_is_said_in_both_languages() -> None:
    used = used_codes() | INDIRECT
    assert {"queue_growing", "url_failing", "database_down", "scheduler_silent"} <= used
    fields = {code for code in TEXTS["en"] if code.startswith("field_")}
    assert used | fields == set(TEXTS["en"]), sorted(set(TEXTS["en"]) ^ (used | fields))
    assert set(TEXTS["en"]) == set(TEXTS["zh-CN"])


def test_every_chinese_sentence_is_chinese() -> None:
    # Only names (a folder, a command, a setting) stay as they are typed.
    words = {"where_env", "run_worker", "changed_field", "leftover", "kind_claim"}
    for code, text in TEXTS["zh-CN"].items():
        if code not in words:
            assert HAN.search(text), code
        assert text != TEXTS["en"][code] or code in words, code


def test_a_problem_is_its_english_sentence_and_keeps_its_code_through_a_copy() -> None:
    import copy

    where = Problem.of("where_file", file="/srv/paperfeed.toml")
    problem = Problem.of("drop_folder_missing", folder="/srv/in", source="a", where=where)
    assert problem == (
        "drop folder /srv/in of source a does not exist: create it (mkdir -p /srv/in), or"
        " correct its `path` in /srv/paperfeed.toml"
    )
    assert problem.text("zh-CN") == (
        "来源 a 的投放目录 /srv/in 不存在：请创建它（mkdir -p /srv/in），"
        "或更正 /srv/paperfeed.toml 中它的 `path`"
    )
    copied = copy.deepcopy(problem)
    assert copied.code == "drop_folder_missing" and copied.text("zh-CN") == problem.text("zh-CN")
    assert problem.to_json()["params"]["where"] == "its `path` in /srv/paperfeed.toml"


def test_counts_read_well_in_english() -> None:
    assert Problem.of("inputs_failed", count=1).startswith("1 input failed")
    assert Problem.of("inputs_failed", count=2).startswith("2 inputs failed")
    chinese = Problem.of("inputs_failed", count=2).text("zh-CN")
    assert chinese.startswith("最近 24 小时有 2 个输入失败")


def test_status_problems_in_chinese_name_the_fix(tmp_path: Path) -> None:
    """A home with a failed file, a source gone quiet and a folder missing: each problem of
    the real status has a Chinese sentence, and the JSON gives its code."""
    settings, sources = newsroom(tmp_path / "home")
    (tmp_path / "home" / "weidong").rmdir()
    found = collect(settings, sources)
    codes = {p.code for p in found.problems}
    assert {"source_quiet", "inputs_failed", "drop_folder_missing"} <= codes
    for problem in found.problems:
        chinese = problem.text("zh-CN")
        assert HAN.search(chinese) and chinese != str(problem)
        assert "请" in chinese or "？" in chinese, chinese  # a fix, or the question to ask
    details = found.to_json()["problem_details"]
    assert [d["code"] for d in details] == [p.code for p in found.problems]
    assert [d["message"] for d in details] == found.to_json()["problems"]


def test_status_json_gives_codes_on_the_command_line(tmp_path: Path, capsys: object) -> None:
    settings, _ = newsroom(tmp_path / "home")
    assert operations.status(settings, as_json=True) == 1
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    data = json.loads(out)
    assert "inputs_failed" in [d["code"] for d in data["problem_details"]]
    assert all(isinstance(p, str) for p in data["problems"])


# Phrases inside other sentences, not problems of their own.
PHRASES = ("field_", "kind_", "where_", "process_", "run_worker_", "leftover", "changed_field")


def test_every_problem_code_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = [c for c in TEXTS["en"] if not c.startswith(PHRASES) or c == "leftovers"]
    assert len(codes) > 20
    assert [c for c in codes if f"`{c}`" not in readme] == []
