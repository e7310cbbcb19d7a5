"""The audit domain: every service's audit records, appended to a hash chain per tenant, listed and verified."""
