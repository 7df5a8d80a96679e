"""The ``binance-coinm`` command: read open orders, ordinary and algo, from a terminal or a
script, once (``open-orders``, ``open-order``) or live (``watch``).

Keys come from ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET`` (or ``BINANCE_PRIVATE_KEY_PATH``),
never from the command line. Output, chosen so that scripts reading stdout are never
surprised:

- ``--format table`` (the default): decimals exactly as Binance sent them, ``-`` where a
  price does not apply, fitted to the terminal's width (a pipe or a file gets it full);
- ``--format json`` (``--json``): Binance's JSON: ``{"orders": [...], "algoOrders": [...]}``
  for ``open-orders`` of both kinds, a list for one kind, one object for ``open-order``;
  ``--format csv``: a header row of field names, then Binance's text; ``watch`` writes a
  table on a terminal, JSON lines to a pipe (``following``);
- in every format, what could drive a terminal is escaped;
- no open orders: the header row alone on stdout (JSON: empty lists) and a note on stderr,
  exit 0, as ``docker ps`` does.

The modules, one job each: ``run`` (the command from start to end), ``parser`` (the command
line), ``values`` (option values), ``credentials`` (keys from the environment), ``commands/``
(one module a command, listed in ``commands.COMMANDS``), ``views/`` (how each model is
shown, column by column), ``format/`` (table, JSON, CSV and escaping), ``following`` (the
live view, as ``watch`` shows it), ``output`` (stdout and stderr).
"""

from .run import main

__all__ = ["main"]
