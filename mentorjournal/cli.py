"""Placeholder until the command line lands."""


def main() -> int:
    return 0
