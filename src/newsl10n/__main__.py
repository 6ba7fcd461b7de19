"""``python -m newsl10n``: the same as the ``newsl10n`` command."""

from __future__ import annotations

from .cli import main

main()
