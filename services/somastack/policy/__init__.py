"""The policy service: scores agents' actions against the active constitution's rules and decides."""
