"""Lint the authoring corpus against the schema; exit 1 when anything is wrong."""
from pathlib import Path

import typer

from ar_conflict.cli import validate_command

if __name__ == "__main__":
    typer.run(validate_command)
