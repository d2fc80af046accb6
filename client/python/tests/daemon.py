"""Start a real assayd (or broker/worker) for the tests: a free 127.0.0.1
port chosen by the daemon itself (tcp://127.0.0.1:*), learnt from its
" ready endpoint=" log line; every wait is on state, bounded."""
import atexit
import os
import re
import signal
import subprocess
import tempfile
import time

ASSAYD = os.environ.get("ASSAYD_EXE", "assayd")
ASSAY = os.environ.get("ASSAY_EXE", "assay")
_READY = re.compile(r" ready endpoint=(\S+)")
_STARTED = []


@atexit.register
def _kill_leftovers():
    """No daemon outlives the test run, whatever failed."""
    for proc in _STARTED:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def wait_for(pred, timeout=15.0, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class Daemon:
    """assayd ARGS...; .endpoint once ready. stop() with a signal."""

    def __init__(self, *args, endpoint="tcp://127.0.0.1:*", sub=None):
        self.log = tempfile.NamedTemporaryFile(prefix="assayd-", suffix=".log",
                                               delete=False)
        cmd = [ASSAYD] + ([sub] if sub else [])
        if sub == "broker":
            cmd += ["--bind", endpoint]
        elif sub == "worker":
            cmd += ["--connect", endpoint]
        else:
            cmd += ["--endpoint", endpoint]
        cmd += list(args)
        self.proc = subprocess.Popen(cmd, stderr=self.log,
                                     stdout=subprocess.DEVNULL)
        _STARTED.append(self.proc)
        self.endpoint = wait_for(self._ready, what=f"{' '.join(cmd)} ready")

    def text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _ready(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"assayd exited {self.proc.returncode}: "
                                 f"{self.text()}")
        m = _READY.search(self.text())
        return m.group(1) if m else None

    def kill(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        if os.path.exists(self.log.name):
            os.unlink(self.log.name)
