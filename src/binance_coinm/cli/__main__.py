"""``python -m binance_coinm.cli``: the ``binance-coinm`` command."""

import sys

from . import main

sys.exit(main())
