"""`python -m forcevet`: the same as the `forcevet` command."""

from forcevet.cli import main

main()
