"""Batch translation: folders, globs or a manifest of articles into many languages, resumable and in parallel.

from newsl10n.batch import BatchJob, run_batch
from newsl10n.run import TranslateJob
report = run_batch(BatchJob(sources=("wire/",), translate=TranslateJob(articles=(), targets=("pt",),
                            outdir=Path("out")), jobs=2))
"""

from .runner import RUN_RECORD, BatchEvent, BatchJob, BatchReport, run_batch
from .worker import Outcome

__all__ = ["RUN_RECORD", "BatchEvent", "BatchJob", "BatchReport", "Outcome", "run_batch"]
