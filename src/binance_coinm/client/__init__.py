"""The clients endpoint functions send their calls through, and ``signed_client``."""
