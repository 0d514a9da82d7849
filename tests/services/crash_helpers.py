"""Run tests.services.crash_child as a real process, stop it at a named step, SIGKILL it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.store.rekey import STOP_VARIABLE

_ROOT = Path(__file__).resolve().parents[2]
# Stopping a process at a step (SIGSTOP) and killing it there need POSIX signals.
posix_only = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX signals")


def kill_at(step: str, *args: str, child_module: str = "tests.services.crash_child") -> bool:
    """Run the child until it stops at ``step``, then kill -9 it; False if it never got there.

    Waits on the child's own announcement on stderr (no sleeping); a child that finishes
    without reaching the step is waited for and reported.
    """
    env = {**os.environ, STOP_VARIABLE: step, "PYTHONPATH": str(_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", child_module, *args],
        cwd=_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    said = b""
    for line in iter(child.stderr.readline, b""):  # until it announces the step, or ends
        if line.decode().strip() == f"stopped at {step}":
            break
        said += line
    else:
        child.wait(timeout=60)
        child.stderr.close()
        assert child.returncode == 0, said.decode()
        return False
    _, status = os.waitpid(child.pid, os.WUNTRACED)  # until it has really stopped there
    assert os.WIFSTOPPED(status)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return True
