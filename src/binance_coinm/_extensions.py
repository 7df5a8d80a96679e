"""Names of the httpx request extensions through which a call talks to the client's transport."""

WEIGHT = "binance_coinm.weight"
"""The request weight Binance charges for this call, by the spec's rule for its operation."""
MAX_RETRIES = "binance_coinm.max_retries"
"""This call's retry budget, instead of the client's."""
DEADLINE = "binance_coinm.deadline"
"""Seconds this call may take in all (attempts, waits, resync), instead of the client's."""
ENDS = "binance_coinm.ends"
"""When the call must be over (time.monotonic()), set by its first request and carried by
httpx to the requests of the redirects it follows, which share the call's deadline."""
UNSIGNED_QUERY = "binance_coinm.unsigned_query"
"""The query before signing, so that every attempt is signed afresh."""
