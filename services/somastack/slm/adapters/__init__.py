"""Adapters of the SLM service's ports."""
