"""A closed workspace is locked: no call works, no key or connection stays, the journal is free.

The desktop app's "lock now" and idle lock rest on this.
"""

from __future__ import annotations

import functools
import gc
import inspect
import subprocess
import sys
import textwrap
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2 as sqlcipher

from mentorjournal.domain import JournalLocked, RecordKind, WrongThread
from mentorjournal.services.closing import ClosingService
from mentorjournal.services.dashboard import DashboardService
from mentorjournal.services.exports import ExportService
from mentorjournal.services.importing import ImportService
from mentorjournal.services.journal import JournalService
from mentorjournal.services.search import SearchService
from mentorjournal.services.sync import SyncService
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE
from tests.sample_journal import fill

# What a closed workspace still answers: whether it is closed, where its journal is, and
# the settings it was opened with. Everything else public must raise JournalLocked.
_STILL_ANSWERED = {"close", "closed", "path", "settings"}
_SERVICES = {
    "records": JournalService,
    "search": SearchService,
    "dashboard": DashboardService,
    "sync": SyncService,
    "exports": ExportService,
    "importing": ImportService,
    "closing": ClosingService,
}


def _public(cls: type) -> list[str]:
    return [name for name in dir(cls) if not name.startswith("_")]


def _dummy_call(target: Any, name: str, cls: type) -> Any:
    """Call ``target.name`` with one placeholder per required parameter."""
    attribute = inspect.getattr_static(cls, name)
    if isinstance(attribute, property):
        return getattr(target, name)
    parameters = list(inspect.signature(getattr(cls, name)).parameters.values())[1:]
    args = [
        None
        for p in parameters
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    kwargs = {
        p.name: None
        for p in parameters
        if p.default is inspect.Parameter.empty and p.kind is p.KEYWORD_ONLY
    }
    return getattr(target, name)(*args, **kwargs)


def _calls(workspace: Workspace) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every public call on the workspace and on each service it hands out."""
    names = sorted(set(_public(Workspace)) | {n for n in vars(workspace) if n[0] != "_"})
    for name in names:
        if name in _STILL_ANSWERED:
            continue
        if name in _SERVICES:
            for method in _public(_SERVICES[name]):
                service = _ServiceOf(workspace, name)
                yield f"{name}.{method}", functools.partial(service.call, method)
            continue
        yield name, functools.partial(_dummy_call, workspace, name, Workspace)


class _ServiceOf:
    """A service looked up on the workspace at call time, as a front end would."""

    def __init__(self, workspace: Workspace, name: str) -> None:
        self.workspace = workspace
        self.name = name

    def call(self, method: str) -> Any:
        return _dummy_call(getattr(self.workspace, self.name), method, _SERVICES[self.name])


def test_every_public_call_raises_journal_locked_after_close(workspace: Workspace) -> None:
    fill(workspace)
    services = {name: getattr(workspace, name) for name in _SERVICES}  # handed out before
    workspace.close()
    calls = list(_calls(workspace))
    assert len(calls) > 20  # the enumeration found the services' methods too
    for label, call in calls:
        with pytest.raises(JournalLocked):
            call()
        assert label  # named in the failure report above
    # Services and bound methods a front end kept from before the close are locked too.
    for name, service in services.items():
        for method in _public(_SERVICES[name]):
            with pytest.raises(JournalLocked):
                _dummy_call(service, method, _SERVICES[name])


def test_a_method_looked_up_before_close_is_refused_after(workspace: Workspace) -> None:
    add = workspace.records.add
    listing = workspace.records.list_records
    assert listing(RecordKind.RELATIONSHIP) == []
    workspace.close()
    with pytest.raises(JournalLocked):
        listing(RecordKind.RELATIONSHIP)
    with pytest.raises(JournalLocked):
        add(RecordKind.RELATIONSHIP, {"partner_names": ["Ola"], "my_role": "mentor"})


def test_close_twice_is_harmless(workspace: Workspace) -> None:
    workspace.close()
    workspace.close()
    assert workspace.closed


def test_the_engine_a_closed_workspace_had_opens_no_connection(workspace: Workspace) -> None:
    engine: Engine = workspace.journal.engine
    workspace.close()
    with pytest.raises(JournalLocked):
        engine.connect()
    assert isinstance(engine.pool, QueuePool)
    assert engine.pool.checkedout() == 0


def _reachable(root: object) -> Iterator[object]:
    """Everything reachable from ``root`` through references, except modules and classes.

    Modules and classes lead to the whole program (this test's own variables included);
    what a workspace holds is reachable through its instances, closures and containers.
    """
    module_dicts = {id(vars(m)) for m in list(sys.modules.values()) if m is not None}
    seen = {id(root)}
    todo = [root]
    while todo:
        current = todo.pop()
        yield current
        for child in gc.get_referents(current):
            if id(child) in seen or isinstance(child, type | types.ModuleType):
                continue
            if id(child) in module_dicts:
                continue
            seen.add(id(child))
            todo.append(child)


def _holds(found: object, secret: bytes) -> bool:
    if isinstance(found, bytes | bytearray | memoryview):
        return secret in bytes(found)
    if isinstance(found, str):
        return secret.hex() in found.lower()
    return False


def test_no_key_or_connection_is_reachable_from_a_closed_workspace(workspace: Workspace) -> None:
    fill(workspace)  # connections pooled, an attachment written and read
    journal = workspace.journal
    data_key = journal._data_key.reveal()
    blob_key = journal.subkey(b"mentorjournal blobs v1")
    # The walk does find the key while the journal is open: the check can fail.
    assert any(_holds(found, data_key) for found in _reachable(workspace))
    del journal

    assert any(isinstance(found, sqlcipher.Connection) for found in _reachable(workspace))

    workspace.close()
    gc.collect()
    for found in _reachable(workspace):
        assert not _holds(found, data_key), type(found)
        assert not _holds(found, blob_key), type(found)
        assert not isinstance(found, sqlcipher.Connection)


_UNLOCKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.services import workspace as workspaces

    from mentorjournal.domain import RecordKind

    settings = workspaces.Settings(lock_dir=Path(sys.argv[2]), kdf=crypto.TEST_PROFILE)
    passphrase = sys.stdin.readline().rstrip("\\n")
    with workspaces.unlock(Path(sys.argv[1]), passphrase, settings) as opened:
        print(len(opened.records.list_records(RecordKind.RELATIONSHIP)))
    """
)


def test_another_process_unlocks_at_once_after_close(
    workspace: Workspace, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    fill(workspace)
    script = tmp_path / "unlocker.py"
    script.write_text(_UNLOCKER)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(script), str(journal_dir), str(tmp_path / "other-locks")],
            input=PASSPHRASE + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    refused = run()
    assert refused.returncode != 0
    assert "JournalInUse" in refused.stderr
    workspace.close()
    opened = run()
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "1"


def test_a_call_from_another_thread_raises_wrong_thread(workspace: Workspace) -> None:
    errors: list[BaseException] = []

    def intruder() -> None:
        for call in (
            lambda: workspace.records.list_records(RecordKind.RELATIONSHIP),
            lambda: workspace.search.search("anything"),
            workspace.verify,
            workspace.close,
        ):
            try:
                call()
            except BaseException as error:
                errors.append(error)

    thread = threading.Thread(target=intruder)
    thread.start()
    thread.join()
    assert [type(error) for error in errors] == [WrongThread] * 4
    # The owner thread still works: the intruder's close was refused.
    assert workspace.records.list_records(RecordKind.RELATIONSHIP) == []
