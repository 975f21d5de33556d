"""A small Language Server Protocol client for tests and benchmarks: starts a server as a subprocess and
speaks JSON-RPC to it over its standard input and output, with Content-Length framing, as an editor does.

    with LspClient([sys.executable, "-m", "checker", "lsp"], cwd=folder) as client:
        client.initialize(folder)
        client.open(uri, text)
        diagnostics = client.diagnostics(uri, version=1)
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path


class LspError(AssertionError):
    pass


class LspClient:
    def __init__(self, command: list[str], cwd: Path | None = None, env: dict | None = None) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd, env={**os.environ, **(env or {})})
        self._next_id = 0
        self._responses: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        self.notifications: list[dict] = []        # every notification received, in order
        self._arrived = threading.Condition()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.process.stderr), daemon=True).start()

    # -- framing --------------------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:     # a request of the server: answer it
                self._send({"id": message["id"], "result": None})
            elif "id" in message:
                self._responses.setdefault(message["id"], queue.Queue()).put(message)
            else:
                with self._arrived:
                    self.notifications.append(message)
                    self._arrived.notify_all()

    # -- JSON-RPC -------------------------------------------------------------------------------------
    def request(self, method: str, params: dict | None = None, timeout: float = 30.0):
        with self._lock:
            self._next_id += 1
            number = self._next_id
            self._responses.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params or {}})
        try:
            response = self._responses[number].get(timeout=timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} within {timeout} s; server stderr: {self.stderr_text()}") from None
        if "error" in response:
            raise LspError(f"{method}: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, test, timeout: float = 30.0, start: int = 0) -> dict:
        """The first notification from index `start` on for which test(message) is true."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self.notifications[start:]:
                    if test(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LspError(f"no such notification within {timeout} s; got "
                                   f"{[m.get('method') for m in self.notifications]}; stderr: {self.stderr_text()}")
                self._arrived.wait(left)

    def stderr_text(self) -> str:
        return b"".join(self.stderr).decode("utf-8", "replace")[-3000:]

    # -- the editor's side of a session -----------------------------------------------------------------
    def initialize(self, folder: Path, encodings: list[str] | None = None, options: dict | None = None) -> dict:
        capabilities: dict = {"textDocument": {"publishDiagnostics": {"relatedInformation": True},
                                               "hover": {"contentFormat": ["markdown", "plaintext"]}},
                              "workspace": {"workspaceEdit": {"documentChanges": True}}}
        if encodings:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(),
                                             "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
                                             "capabilities": capabilities, "initializationOptions": options or {}})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language: str = "markdown") -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def save(self, uri: str) -> None:
        self.notify("textDocument/didSave", {"textDocument": {"uri": uri}})

    def close_document(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60.0, start: int = 0) -> list[dict]:
        """The diagnostics published for uri (for that version of the document, when given)."""
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri
                                and (version is None or m["params"].get("version") == version), timeout, start)
        return message["params"]["diagnostics"]

    def logs(self) -> list[str]:
        return [m["params"]["message"] for m in self.notifications if m.get("method") == "window/logMessage"]

    def shutdown(self, timeout: float = 30.0) -> int:
        self.request("shutdown", timeout=timeout)
        self.notify("exit", {})
        return self.process.wait(timeout)

    def __enter__(self) -> "LspClient":
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass
