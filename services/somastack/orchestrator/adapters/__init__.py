"""Adapters of the orchestrator service's ports."""
