"""The orchestrator service: agent sessions through the mesh, each step traced."""
