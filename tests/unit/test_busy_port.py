"""A port another program holds is one line and exit code 2, for `serve` and `run`."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.unit.long_running import lines, started
from tests.unit.test_cli_ops import _paperfeed


def test_serve_and_run_say_the_port_is_in_use(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _paperfeed("db", "upgrade", home=home).returncode == 0
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        serve = _paperfeed("serve", "--port", str(port), home=home)
        run = _paperfeed("run", home=home, PAPERFEED_PORT=str(port))
    assert serve.returncode == 2
    assert serve.stderr == (
        f"paperfeed: port {port} is in use; choose another with --port or PAPERFEED_PORT\n"
    )
    assert run.returncode == 2
    assert run.stderr == f"paperfeed: port {port} is in use; choose another with PAPERFEED_PORT\n"


def test_serve_on_another_port_says_where_the_pages_link(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with started(tmp_path / "home", "serve", "--port", str(port)) as process:
        serving, note = lines(process, 2)
    assert serving.endswith(f"at http://127.0.0.1:{port}/\n")
    assert note.startswith(
        f"paperfeed: note: the pages link to http://127.0.0.1:8080, not to http://127.0.0.1:{port}/"
    )
    assert f"PAPERFEED_BASE_URL=http://127.0.0.1:{port}" in note
