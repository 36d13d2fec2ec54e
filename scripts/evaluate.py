"""Thin entry point: see ar_conflict.cli.evaluate_command (run with --help)."""
import typer

from ar_conflict.cli import evaluate_command

if __name__ == "__main__":
    typer.run(evaluate_command)
