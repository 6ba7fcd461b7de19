"""``python -m newsl10n.batch ARGS``: the ``newsl10n batch`` command, with the CLI's error handling."""

from __future__ import annotations

import sys

from ..cli import cli
from .commands import batch_command

if __name__ == "__main__":
    if "batch" not in cli.commands:
        cli.add_command(batch_command)
    cli(["batch", *sys.argv[1:]], prog_name="newsl10n")
