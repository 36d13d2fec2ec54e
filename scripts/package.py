"""Thin entry point: see ar_conflict.cli.package_command (run with --help)."""
import typer

from ar_conflict.cli import package_command

if __name__ == "__main__":
    typer.run(package_command)
