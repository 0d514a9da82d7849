"""The report's typeface: DejaVu Sans and DejaVu Sans Mono, shipped in ``resources/fonts``.

DejaVu covers Polish and the rest of Latin Extended-A. The fonts are registered with
reportlab once per process, as a family (so ``<b>`` and ``<i>`` find their faces), and are
embedded (as subsets) in every PDF, with the mapping back to Unicode that lets a reader copy
the text out exactly as it was typed. No standard PDF font is used for any text.
"""

from __future__ import annotations

import functools
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"

_FACES = (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, MONO)


@functools.cache
def register_fonts() -> None:
    """Make the faces known to reportlab (idempotent; the first call reads the files)."""
    folder = resources.files("mentorjournal") / "resources" / "fonts"
    for face in _FACES:
        with resources.as_file(folder / f"{face}.ttf") as path:
            pdfmetrics.registerFont(TTFont(face, str(path)))
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
    )
    # Code set in bold or italic stays in the monospaced face: there is no other to fall to.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(MONO, bold, italic, MONO)
