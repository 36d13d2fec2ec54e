"""Thin entry point: see ar_conflict.cli.validate_command (run with --help)."""
import typer

from ar_conflict.cli import validate_command

if __name__ == "__main__":
    typer.run(validate_command)
