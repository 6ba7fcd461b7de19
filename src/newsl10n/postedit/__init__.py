"""Post-editing round trip: import reviewed files back into articles and the translation memory.

:func:`~newsl10n.postedit.importer.import_files` takes post-edited XLIFF (1.2 or 2.x), PO,
newsl10n JSONL or the review page's JSON export, matches every unit back to the original
article, writes the final localised article in the article's own format with a report, and stores
the approved units in the translation memory (:mod:`newsl10n.tm`).
"""

from .importer import ImportJob, ImportProblems, ImportReport, ImportResult, import_files

__all__ = ["ImportJob", "ImportProblems", "ImportReport", "ImportResult", "import_files"]
