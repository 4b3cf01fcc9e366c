"""A plain stdio JSON-RPC client for `newslint lsp`, shared by the tools
that drive the server the way an editor does (bench-lsp.py, lsp-soak.py).
Standard library only."""

import json
import queue
import subprocess
import threading
import time


class Server:
    """`newslint lsp` in a child process; messages from it are queued with
    the time they arrived."""

    def __init__(self, exe, cwd=None, env=None):
        self.p = subprocess.Popen([exe, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, cwd=cwd, env=env)
        self.q = queue.Queue()
        self.next_id = 1
        # Called with every message `wait` reads, before its predicate.
        self.observe = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.q.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, msg):
        """Writes a message; the time it was written."""
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
        return time.perf_counter()

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, pred, what="a message", timeout=60):
        """The first message `pred` accepts, and when it came; an error
        answer, the server's exit or `timeout` seconds of silence end the
        run."""
        while True:
            try:
                item = self.q.get(timeout=timeout)
            except queue.Empty:
                raise SystemExit(f"timed out waiting for {what}")
            if item is None:
                raise SystemExit(f"the server exited while waiting for {what}")
            at, msg = item
            if "error" in msg:
                raise SystemExit(f"error from the server: {msg['error']}")
            if self.observe:
                self.observe(msg)
            if pred(msg):
                return at, msg

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, method)[1]


def published(uri, version):
    """A predicate: diagnostics published for `uri` at `version`."""
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" \
        and m["params"]["uri"] == uri and m["params"].get("version") == version


def keystroke(uri, version, line, col, i, char="x"):
    """`didChange` params for keystroke `i` at the end of a line: even
    ones type `char` at `col`, odd ones delete it again."""
    end = col if i % 2 == 0 else col + 1
    change = {"range": {"start": {"line": line, "character": col},
                        "end": {"line": line, "character": end}},
              "text": char if i % 2 == 0 else ""}
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
