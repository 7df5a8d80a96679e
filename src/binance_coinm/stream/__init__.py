"""The user-data stream: a connection kept alive for as long as it is wanted, and the live
view of open orders built on it."""
