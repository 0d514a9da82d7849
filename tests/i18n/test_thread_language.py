"""A report written in Polish on the worker thread leaves the window's English alone."""

from __future__ import annotations

import threading

from mentorjournal.i18n import Language, _, current_language, speaking, use_language
from tests.i18n.compiled import require_compiled_catalogue


def test_speaking_polish_on_one_thread_leaves_the_others_in_their_language() -> None:
    require_compiled_catalogue()
    use_language(Language.ENGLISH)
    inside, may_look, looked = threading.Event(), threading.Event(), threading.Event()
    seen_by_worker: list[str] = []

    def worker() -> None:
        with speaking(Language.POLISH):
            seen_by_worker.append(_("Cancel"))
            inside.set()
            may_look.wait(10)
        seen_by_worker.append(_("Cancel"))
        looked.set()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    # While the worker speaks Polish, this thread still speaks English.
    assert _("Cancel") == "Cancel"
    assert current_language() is Language.ENGLISH
    may_look.set()
    assert looked.wait(10)
    thread.join(10)

    assert seen_by_worker == ["Anuluj", "Cancel"]
