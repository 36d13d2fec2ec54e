"""Thin entry point: see ar_conflict.cli.visualize_command (run with --help)."""
import typer

from ar_conflict.cli import visualize_command

if __name__ == "__main__":
    typer.run(visualize_command)
