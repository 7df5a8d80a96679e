"""The transports that reach the network, each bounded by the call's deadline."""
