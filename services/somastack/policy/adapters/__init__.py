"""Adapters of the policy service's ports."""
