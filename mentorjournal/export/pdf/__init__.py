"""The closing report as a PDF (reportlab platypus), from :mod:`~.report_model`."""

from mentorjournal.export.pdf.document import render as render_pdf

__all__ = ["render_pdf"]
