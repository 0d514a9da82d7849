"""Every reason a file is set aside, and every notice about a space, has words in both
languages (the enums are walked, so a new value without its sentence fails)."""

from __future__ import annotations

import pytest

from mentorjournal.domain.sync import Notice, NoticeKind, SetAsideReason
from mentorjournal.i18n import Language, current_translation, use_language
from mentorjournal.i18n.sync_words import describe_notice, describe_set_aside
from tests.i18n.compiled import require_compiled_catalogue
from tests.i18n.conftest import Misses


@pytest.fixture
def polish_misses() -> object:
    require_compiled_catalogue()
    use_language(Language.POLISH)
    misses = Misses()
    current_translation().add_fallback(misses)
    yield misses
    use_language(Language.ENGLISH)


@pytest.mark.parametrize("reason", list(SetAsideReason))
def test_each_set_aside_reason_is_said_in_both_languages(
    reason: SetAsideReason, polish_misses: Misses
) -> None:
    polish = describe_set_aside(reason)
    use_language(Language.ENGLISH)
    english = describe_set_aside(reason)

    assert polish_misses.missed == []
    assert polish
    assert english
    assert polish != english


@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("count", [1, 3, 27_000])
def test_each_notice_is_said_in_both_languages(
    kind: NoticeKind, count: int, polish_misses: Misses
) -> None:
    notice = Notice(kind, "0123456789abcdef" * 2, count)
    polish = describe_notice(notice)
    use_language(Language.ENGLISH)
    english = describe_notice(notice)

    assert polish_misses.missed == []
    assert polish != english
    assert "{" not in polish + english
