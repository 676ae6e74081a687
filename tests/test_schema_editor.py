"""The schema as an editor uses it: the YAML language server, on a plan that `init --blank` wrote.

The server (npm ``yaml-language-server``, the one VS Code's YAML extension and others run) finds
the schema through the plan's modeline, as an editor would; hovering a key must show the key's
description from the models, and a value that breaks a key's grammar must be flagged.

The server is installed once into a cache folder (``~/.cache/iwgplan-tests/yamlls``, or
``$IWGPLAN_YAMLLS_DIR``) and reused; ``.ci/run`` installs it before the tests. Without node or npm,
or when the install fails, the test skips and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from iwgplan.plan.model import ActionPoint, PlanMeta

PACKAGE = "yaml-language-server@1"


def _server() -> Path:
    folder = Path(os.environ.get("IWGPLAN_YAMLLS_DIR") or Path.home() / ".cache" / "iwgplan-tests" / "yamlls")
    binary = folder / "node_modules" / ".bin" / "yaml-language-server"
    if binary.exists():
        return binary
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed to run the YAML language server")
    folder.mkdir(parents=True, exist_ok=True)
    install = ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", PACKAGE]
    if subprocess.run(install, capture_output=True, timeout=300).returncode != 0 or not binary.exists():
        pytest.skip(f"npm could not install {PACKAGE}")
    return binary


class Client:
    """Just enough of a language client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, binary: Path, root: Path) -> None:
        self.proc = subprocess.Popen(
            [str(binary), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        settings = {
            "yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}
        }
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while (header := self.proc.stdout.readline().strip()) != b"":
            if header.lower().startswith(b"content-length:"):
                length = int(header.split(b":")[1])
        message: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "method" in message and "id" in message:  # the server asks: settings, or to register
            items = message.get("params", {}).get("items", [])
            self.send({"id": message["id"], "result": [None] * len(items) if items else None})
        return message

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def editor(cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    binary = _server()
    assert cli("init", "--blank", tmp_path).code == 0
    client = Client(binary, tmp_path)
    try:
        yield client, tmp_path / "plans" / "workplan.yaml"
    finally:
        client.close()


def _open(client: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri


def _hover(client: Client, uri: str, text: str, key: str) -> str:
    line_no, line = next((n, s) for n, s in enumerate(text.splitlines()) if s.lstrip().startswith(f"{key}:"))
    column = line.index(key) + 1
    result = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line_no, "character": column}},
    )
    assert result, f"no hover on {key!r}"
    contents = result["contents"]
    return contents["value"] if isinstance(contents, dict) else str(contents)


@pytest.mark.parametrize(
    ("key", "description"),
    [
        ("due", ActionPoint.model_fields["due"].description),
        ("status", ActionPoint.model_fields["status"].description),
        ("owners", ActionPoint.model_fields["owners"].description),
        ("revision", PlanMeta.model_fields["revision"].description),
    ],
)
def test_hover_shows_the_description_written_in_the_models(editor, key: str, description: str) -> None:  # type: ignore[no-untyped-def]
    client, path = editor
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text)
    shown = " ".join(_hover(client, uri, text, key).split())
    assert description and " ".join(description.split()) in shown.replace("\\", "")
    title = key.replace("_", " ").capitalize()
    assert shown.startswith(f"#### {title} ") and "||" not in shown  # once, not once per branch


def test_the_server_flags_a_value_that_breaks_the_grammar(editor) -> None:  # type: ignore[no-untyped-def]
    client, path = editor
    text = path.read_text(encoding="utf-8").replace("due: end ", "due: 2026-13 ", 1)
    uri = _open(client, path, text)
    deadline = time.monotonic() + 30
    while not client.diagnostics.get(uri) and time.monotonic() < deadline:
        # diagnostics arrive on their own after the server's pause; a request reads what came
        time.sleep(0.1)
        client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
        )
    problems = [d for d in client.diagnostics.get(uri, []) if d.get("severity", 1) == 1]
    assert problems, "the server did not flag due: 2026-13"
    due_line = next(n for n, s in enumerate(text.splitlines()) if "due: 2026-13" in s)
    assert {d["range"]["start"]["line"] for d in problems} == {due_line}
