"""The rules response bodies and stream events are read by, and the base classes of the
generated models and enums."""
