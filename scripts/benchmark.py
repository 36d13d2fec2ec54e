"""Thin entry point: see ar_conflict.cli.benchmark_command (run with --help)."""
import typer

from ar_conflict.cli import benchmark_command

if __name__ == "__main__":
    typer.run(benchmark_command)
