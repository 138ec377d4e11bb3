"""`python -m drafter`: the same as the `drafter` command (git's merge driver may call it so)."""

from drafter.cli import main

main()
