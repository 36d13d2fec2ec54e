"""Thin entry point: see ar_conflict.cli.learning_curve_command (run with --help)."""
import typer

from ar_conflict.cli import learning_curve_command

if __name__ == "__main__":
    typer.run(learning_curve_command)
