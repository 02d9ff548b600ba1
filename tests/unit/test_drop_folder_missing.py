"""A drop folder that is missing or is not a folder is never silent: `paperfeed status`,
/status, /healthz, `sources list`, `run --once` and the banner of `paperfeed run` name it
and the fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.unit.long_running import lines, started
from tests.unit.test_cli_ops import _paperfeed
from tests.unit.test_status_web import serving
from worker.settings import load_settings
from worker.sources import load_sources

SOURCES = """
[[source]]
name = "qinghe"
kind = "drop"
path = "{home}/qinghe"

[[source]]
name = "weidong"
kind = "drop"
path = "{home}/uploads/weidong"
"""


def _home(tmp_path: Path) -> Path:
    """Two sources; qinghe's folder exists, weidong's was never created."""
    home = tmp_path / "home"
    (home / "qinghe").mkdir(parents=True)
    (home / "paperfeed.toml").write_text(SOURCES.format(home=home), encoding="utf-8")
    assert _paperfeed("db", "upgrade", home=home).returncode == 0
    return home


def test_status_names_a_missing_drop_folder_and_the_fix(tmp_path: Path) -> None:
    home = _home(tmp_path)
    missing = home / "uploads" / "weidong"
    result = _paperfeed("status", home=home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MISSING" in result.stdout
    assert f"drop folder {missing} of source weidong does not exist" in result.stdout
    assert f"mkdir -p {missing}" in result.stdout and "paperfeed.toml" in result.stdout
    data = json.loads(_paperfeed("status", "--json", home=home).stdout)
    states = {s["name"]: s["folder_state"] for s in data["sources"]}
    assert states == {"qinghe": None, "weidong": "missing"}
    assert any(str(missing) in problem for problem in data["problems"])
    assert "drop_folder_missing" in [d["code"] for d in data["problem_details"]]
    missing.mkdir(parents=True)
    fixed = _paperfeed("status", home=home)
    assert fixed.returncode == 0, fixed.stdout
    assert "MISSING" not in fixed.stdout


def test_sources_list_marks_the_source_missing(tmp_path: Path) -> None:
    home = _home(tmp_path)
    result = _paperfeed("sources", "list", home=home)
    assert result.returncode == 1
    rows = {line.split()[0]: line.split()[2] for line in result.stdout.splitlines()[1:]}
    assert rows == {"qinghe": "on", "weidong": "missing"}
    assert "mkdir -p" in result.stderr
    (home / "uploads" / "weidong").mkdir(parents=True)
    assert _paperfeed("sources", "list", home=home).returncode == 0


def test_a_file_where_the_default_drop_folder_should_be(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "inbox").write_text("not a folder", encoding="utf-8")
    env = {"PAPERFEED_DROP_DIR": str(home / "inbox")}
    assert _paperfeed("db", "upgrade", home=home, **env).returncode == 0
    result = _paperfeed("status", home=home, **env)
    assert result.returncode == 1
    assert "NOT A FOLDER" in result.stdout
    assert f"drop folder {home / 'inbox'} of source drop is not a folder" in result.stdout
    assert "PAPERFEED_DROP_DIR" in result.stdout
    once = _paperfeed("run", "--once", home=home, **env)
    assert once.returncode == 2 and "Traceback" not in once.stderr
    assert f"cannot create the folder {home / 'inbox'}: File exists" in once.stderr


def test_status_page_and_healthz_report_the_missing_folder(tmp_path: Path) -> None:
    home = _home(tmp_path)
    settings = load_settings({"PAPERFEED_HOME": str(home)})
    with serving(settings, load_sources(settings)) as site:
        status, _, body = site.request("/healthz")
        assert status == 503
        assert f"drop folder {home / 'uploads' / 'weidong'}" in body.decode()
        page = site.request("/status")[2].decode()  # Chinese, the site's language
        assert '<strong class="bad">目录不存在</strong>' in page
        folder = home / "uploads" / "weidong"
        assert f"来源 weidong 的投放目录 {folder} 不存在：请创建它（mkdir -p {folder}）" in page
        english = site.request("/status?lang=en")[2].decode()
        assert '<strong class="bad">missing</strong>' in english
        assert "of source weidong does not exist" in english
        (home / "uploads" / "weidong").mkdir(parents=True)
        assert site.request("/healthz")[:1] == (200,)


def test_run_banner_names_the_configured_folders(tmp_path: Path) -> None:
    home = _home(tmp_path)
    with started(home, "run", PAPERFEED_PORT="0") as process:
        banner, warning = lines(process, 2)
    assert f"watching {home / 'qinghe'}, {home / 'uploads' / 'weidong'} (" in banner
    assert str(home / "drop") not in banner
    assert "WARNING" in warning and "of source weidong does not exist" in warning


def test_a_folder_that_cannot_be_listed_asks_for_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom no permission stops: the refusal is the operating system's.
    from worker import folders

    def refuse(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    settings = load_settings({"PAPERFEED_HOME": str(tmp_path)})
    source = load_sources(settings)[0]
    monkeypatch.setattr(folders.os, "scandir", refuse)
    problem = folders.folder_problem(source, settings)
    assert problem is not None and problem.state == "unreadable"
    assert problem.message.startswith(
        f"drop folder {tmp_path / 'drop'} of source drop cannot be read (Permission denied): "
        "fix its permissions so that user "
    )
    assert problem.message.endswith("can list it, or correct PAPERFEED_DROP_DIR")


def test_a_folder_its_user_may_not_list_is_named_with_the_fix(tmp_path: Path) -> None:
    """chmod 000 on a real folder. Root lists anything, so as root `status` runs as the
    user nobody, in a home nobody may read (pytest's own folder is root's alone)."""
    base = Path(tempfile.mkdtemp(prefix="paperfeed-unreadable-"))
    try:
        base.chmod(0o755)
        home = _home(base)
        (home / "uploads" / "weidong").mkdir(parents=True)
        as_user: list[str] = []
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root without setpriv: nobody to be refused")
            subprocess.run(["chown", "-R", "nobody", str(home)], check=True)
            as_user = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        (home / "qinghe").chmod(0)
        env = {
            k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}
        }
        result = subprocess.run(
            [*as_user, sys.executable, "-m", "worker.cli", "status"],
            capture_output=True, text=True, timeout=120, check=False,
            env={**env, "PAPERFEED_HOME": str(home)},
        )  # fmt: skip
        assert result.returncode == 1, result.stdout + result.stderr
        assert "UNREADABLE" in result.stdout
        assert (
            f"drop folder {home / 'qinghe'} of source qinghe cannot be read (Permission denied):"
            " fix its permissions so that user "
        ) in result.stdout
    finally:
        (base / "home" / "qinghe").chmod(0o755)
        shutil.rmtree(base)
