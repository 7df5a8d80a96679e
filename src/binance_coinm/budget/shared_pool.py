"""The shared weight pool's protocol: where a window's count lives in Redis and the one script
that changes it. Any process, in any language, that follows it takes part in the same pool.

Key: one hash per pool and window of the exchange's clock::

    binance:weight:<pool>:<window seconds>:<window index>
    e.g. binance:weight:egress-1:60:29400480     (index = floor(exchange time in s / 60))

with two integer fields: ``charged``, the weight reserved by every process in that window
(less refunds), and ``seen``, the highest ``X-MBX-USED-WEIGHT-1M`` any of them was answered.
The window's count is ``max(charged, seen)``. Each participant names the window from its own
estimate of the exchange's time, never from Redis's clock. Every write sets the key to expire
a little after its window ends (``expiry_ms``): nothing is ever cleaned up by hand, and a
process that dies holds nothing.

Script (``SCRIPT``), one round trip per operation::

    EVALSHA <SCRIPT_SHA> <1|2> <key> [<next key>] <op> <amount> <limit> <keep ms> <window ms>

falling back to ``EVAL <SCRIPT> ...`` on NOSCRIPT (which caches it again):

- ``reserve``: if ``max(charged, seen) + amount <= limit``, set ``charged`` to that sum and
  answer ``{1, count}``; else ``{0, count}``. Made in the last moments of its window
  (``guard_seconds``), a reservation names the next window's key too and is charged there as
  well: its request may reach the exchange after the window turned, and be counted there;
- ``observe``: ``seen = max(seen, amount)`` (the exchange's count); answers ``{1, count}``;
- ``refund``: ``charged = max(charged - amount, 0)``, for weight reserved for a request that
  never left; answers ``{1, count}``.

``count`` is the window's count after the operation; ``limit`` is read by reserve only (send
0 otherwise); ``keep ms`` is how long the key is kept (``expiry_ms``), and the next window's
key is kept ``window ms`` longer. The exchange's count raises the shared one and never lowers
it: a refund lowers ``charged`` only, so the count never drops below what the exchange said.
"""

from __future__ import annotations

import hashlib
import math

from .base import next_window_in, window_of

KEY_PREFIX = "binance:weight"
EXPIRY_GRACE_SECONDS = 5.0
"""How long a window's key outlives its window: participants whose clocks lag the others' by
up to this much still find the count of the window they are in."""
GUARD_SECONDS = 0.5
"""A reservation this close to its window's end (or a twentieth of a short window) is charged
to the next window too: more than a request takes to reach the exchange."""

RESERVE, OBSERVE, REFUND = "reserve", "observe", "refund"

SCRIPT = """\
local function count_of(key)
  local counts = redis.call('HMGET', key, 'charged', 'seen')
  return tonumber(counts[1]) or 0, tonumber(counts[2]) or 0
end
local key, op = KEYS[1], ARGV[1]
local amount, limit, keep = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local charged, seen = count_of(key)
local count = math.max(charged, seen)
if op == 'reserve' then
  if count + amount > limit then return {0, count} end
  charged = count + amount
  redis.call('HSET', key, 'charged', charged)
  if KEYS[2] then
    local next_charged, next_seen = count_of(KEYS[2])
    redis.call('HSET', KEYS[2], 'charged', math.max(next_charged, next_seen) + amount)
    redis.call('PEXPIRE', KEYS[2], keep + tonumber(ARGV[5]))
  end
elseif op == 'observe' then
  if amount <= seen then return {1, count} end
  seen = amount
  redis.call('HSET', key, 'seen', seen)
elseif op == 'refund' then
  if charged == 0 then return {1, count} end
  charged = math.max(charged - amount, 0)
  redis.call('HSET', key, 'charged', charged)
else
  return redis.error_reply('unknown operation ' .. tostring(op))
end
redis.call('PEXPIRE', key, keep)
return {1, math.max(charged, seen)}
"""
SCRIPT_SHA = hashlib.sha1(SCRIPT.encode(), usedforsecurity=False).hexdigest()


def guard_seconds(window: int) -> float:
    return min(GUARD_SECONDS, window / 20)


def window_key(pool: str, window: int, now: float) -> str:
    """The key of the window ``now`` (the exchange's time in seconds) falls in."""
    return f"{KEY_PREFIX}:{pool}:{window}:{window_of(now, window)}"


def reserve_keys(pool: str, window: int, now: float) -> list[str]:
    """The window's key, and the next one's in the window's last moments."""
    key = window_key(pool, window, now)
    if next_window_in(now, window) > guard_seconds(window):
        return [key]
    return [key, window_key(pool, window, now + window)]


def expiry_ms(window: int, now: float) -> int:
    """Milliseconds a key written at ``now`` is kept: to its window's end, and the grace."""
    return math.ceil((next_window_in(now, window) + EXPIRY_GRACE_SECONDS) * 1000)


def script_args(op: str, amount: int, limit: int, window: int, now: float) -> list[str]:
    """ARGV for one operation, as the script reads it."""
    return [op, str(amount), str(limit), str(expiry_ms(window, now)), str(window * 1000)]


def read_answer(reply: object) -> tuple[bool, int]:
    """The script's answer: whether it granted the operation, and the window's count.

    Raises ValueError for anything else: a key of another shape, a script of another version.
    """
    if not (isinstance(reply, list) and len(reply) == 2 and all(type(n) is int for n in reply)):
        raise ValueError(f"the pool's script answered {type(reply).__name__}, not [granted, count]")
    granted, count = reply
    return granted == 1, count
