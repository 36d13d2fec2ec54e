"""Thin entry point: see ar_conflict.cli.corpus_command (run with --help)."""
import typer

from ar_conflict.cli import corpus_command

if __name__ == "__main__":
    typer.run(corpus_command)
