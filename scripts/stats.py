"""Thin entry point: see ar_conflict.cli.stats_command (run with --help)."""
import typer

from ar_conflict.cli import stats_command

if __name__ == "__main__":
    typer.run(stats_command)
