"""What a batch shows on stderr while it runs: a live table on a terminal (rich), else a line per article."""

from __future__ import annotations

import time
from typing import IO, Any

from .runner import BatchEvent
from .worker import Outcome


class _Tally:
    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.segments: dict[str, int] = {}
        self.failed: dict[str, int] = {}
        self.cache_hits = 0
        self.tm_hits = 0
        self.articles_done = 0
        self.articles_total = 0
        self.fresh = 0
        self.t0 = time.monotonic()

    def plan(self, event: BatchEvent) -> None:
        self.totals = dict(event.totals)
        self.articles_total = max(self.totals.values(), default=0)

    def add(self, outcomes: tuple[Outcome, ...]) -> None:
        for o in outcomes:
            t = o.item.target_lang
            self.done[t] = self.done.get(t, 0) + 1
            self.segments[t] = self.segments.get(t, 0) + o.item.segments
            if o.item.status == "failed":
                self.failed[t] = self.failed.get(t, 0) + 1
            self.cache_hits += o.cache_hits
            self.tm_hits += o.tm_hits
            if not o.resumed:
                self.fresh += 1

    def rate(self) -> float:
        """Items (article × language) finished this run, per minute."""
        elapsed = time.monotonic() - self.t0
        return self.fresh / elapsed * 60 if elapsed > 0 else 0.0

    def eta(self) -> str:
        left = sum(self.totals.values()) - sum(self.done.values())
        rate = self.rate()
        if left <= 0:
            return "0s"
        if rate <= 0:
            return "?"
        secs = int(left / rate * 60)
        return f"{secs // 3600}h{secs // 60 % 60:02d}m" if secs >= 3600 else f"{secs // 60}m{secs % 60:02d}s"


def _line(outcomes: tuple[Outcome, ...]) -> str:
    parts = []
    for o in outcomes:
        i = o.item
        if i.status == "failed":
            parts.append(f"{i.target_lang} failed: {i.error}")
        elif o.resumed:
            parts.append(f"{i.target_lang} done earlier")
        elif i.status == "skipped":
            parts.append(f"{i.target_lang} up to date")
        else:
            parts.append(f"{i.target_lang} {i.segments} segments, {i.findings} findings")
    return f"{outcomes[0].item.article}: " + "; ".join(parts)


class PlainLog:
    """One line per finished article (for a log file or a pipe)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, event: BatchEvent) -> None:
        if event.kind == "plan":
            for note in event.notes:
                print(f"note: {note}", file=self.stream, flush=True)
        elif event.kind == "article" and event.outcomes:
            print(_line(event.outcomes), file=self.stream, flush=True)

    def close(self) -> None:
        """Nothing to tear down."""


class LiveDisplay:
    """A live table on a terminal: per language done/total, segments, failures; rate, ETA, hits."""

    def __init__(self, stream: IO[str], *, no_color: bool = False) -> None:
        from rich.console import Console
        from rich.live import Live

        self.console = Console(file=stream, no_color=no_color, highlight=False)
        self.tally = _Tally()
        self.live = Live(self._render(), console=self.console, refresh_per_second=4, transient=False)
        self.live.start()

    def _render(self) -> Any:
        from rich.table import Table

        t = self.tally
        title = f"{t.rate():.1f} items/min · ETA {t.eta()} · cache hits {t.cache_hits} · TM hits {t.tm_hits}"
        table = Table(
            title=title,
            title_justify="left",
        )
        for col in ("language", "articles", "segments", "failed"):
            table.add_column(col, justify="right" if col != "language" else "left")
        for lang, total in t.totals.items():
            table.add_row(
                lang,
                f"{t.done.get(lang, 0)}/{total}",
                str(t.segments.get(lang, 0)),
                str(t.failed.get(lang, 0)),
            )
        return table

    def __call__(self, event: BatchEvent) -> None:
        if event.kind == "plan":
            self.tally.plan(event)
            for note in event.notes:
                self.console.print(f"note: {note}")
        elif event.kind == "article" and event.outcomes:
            self.tally.add(event.outcomes)
            for o in event.outcomes:
                if o.item.status == "failed":
                    self.console.print(f"failed: {o.item.article} → {o.item.target_lang}: {o.item.error}")
        self.live.update(self._render())

    def close(self) -> None:
        self.live.stop()
