"""Credentials and signing: secrets that never show, the signers, and the httpx.Auth hook."""
