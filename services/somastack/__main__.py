"""`python -m somastack` is the `soma` CLI."""

from somastack.cli.main import app

app()
