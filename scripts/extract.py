"""Thin entry point: see ar_conflict.cli.extract_command (run with --help)."""
import typer

from ar_conflict.cli import extract_command

if __name__ == "__main__":
    typer.run(extract_command)
