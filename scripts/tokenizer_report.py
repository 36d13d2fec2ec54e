"""Thin entry point: see ar_conflict.cli.tokenizer_report_command (run with --help)."""
import typer

from ar_conflict.cli import tokenizer_report_command

if __name__ == "__main__":
    typer.run(tokenizer_report_command)
