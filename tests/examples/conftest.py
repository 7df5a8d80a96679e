"""The shared-budget example needs the budget tests' real redis-server."""

from ..budget.conftest import pool, redis_binary, redis_server

__all__ = ["pool", "redis_binary", "redis_server"]
