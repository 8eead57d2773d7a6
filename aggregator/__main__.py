"""`python -m aggregator`."""

from aggregator.cli import run_as_process

if __name__ == "__main__":
    run_as_process()
