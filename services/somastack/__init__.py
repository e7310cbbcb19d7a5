"""SomaStack mesh: the backend services, their shared runtime and the `soma` CLI."""

__version__ = "0.1.0"
