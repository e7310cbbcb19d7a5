"""The audit spool: each service's audit records, written in batches to its own database and relayed as events."""
