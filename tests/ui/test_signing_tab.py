"""The Agreement tab says in words who signed which version, when, and whether the device
key verified it: on Jan's journal after a real sync with Anna's, one signature forged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mentorjournal.domain import Party
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.worker import Holder, Worker
from tests.conftest import PASSPHRASE
from tests.services.signing_helpers import shared_pair, tamper
from tests.ui.conftest import run_on
from tests.ui.window_helpers import IGNORE_OFFSCREEN, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def _jans_journal(root: Path, settings: Settings, forged: bool) -> None:
    with shared_pair(root, settings) as pair:
        pair.anna.records.sign_agreement(pair.agreement_id, Party.ME)
        pair.exchange()
        pair.jan.records.update(pair.agreement_id, {"notes": "Co dwa tygodnie."})
        pair.jan.records.sign_agreement(pair.agreement_id, Party.ME)
        if forged:
            tamper(pair.jan, pair.agreement_id, "partner", lambda row: setattr(row, "name", "X"))


def _signatures_shown(worker: Worker, qtbot: QtBot, root: Path, settings: Settings) -> str:
    def unlock(holder: Holder) -> None:
        holder.workspace = workspaces.unlock(root / "jan", PASSPHRASE, settings)

    run_on(worker, qtbot, unlock)
    window = open_window(worker, qtbot)
    wait_loaded(qtbot, window)
    window.tabs.setCurrentWidget(window.agreement)
    qtbot.waitUntil(lambda: "Jan Nowak" in window.agreement.signatures.text(), timeout=10_000)
    return window.agreement.signatures.text()


def test_the_tab_names_each_signers_version_and_verification(
    worker: Worker, qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    _jans_journal(tmp_path, settings, forged=False)

    shown = _signatures_shown(worker, qtbot, tmp_path, settings)

    anna, jan = shown.splitlines()
    assert anna.startswith("Signed by Anna Kowalska: version 1,")
    assert "Verified with Anna Kowalska's device key." in anna
    assert "This signature is void: the agreement changed after it." in anna
    assert jan.startswith("Signed by Jan Nowak: version 2,")
    assert "Verified with Jan Nowak's device key." in jan
    assert "void" not in jan


def test_a_forged_signature_is_shown_as_not_verified_never_as_signed(
    worker: Worker, qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    _jans_journal(tmp_path, settings, forged=True)

    shown = _signatures_shown(worker, qtbot, tmp_path, settings)

    forged, jan = shown.splitlines()
    assert forged.startswith("Not verified: a signature in the name of X for version 1,")
    assert "Signed by" not in forged
    assert jan.startswith("Signed by Jan Nowak: version 2,")
