"""The keys the command signs with: from the environment only, checked before anything else.

Never from the command line, where they would end up in shell history and in the process
list. Missing ones are reported in the command's words, naming the variables to set.
"""

from __future__ import annotations

from collections.abc import Mapping

KEY = "BINANCE_API_KEY"
SECRET = "BINANCE_API_SECRET"  # noqa: S105 - the variable's name, not a secret
KEY_PATH = "BINANCE_PRIVATE_KEY_PATH"


def missing_credentials(environ: Mapping[str, str]) -> str | None:
    """Why ``environ`` cannot sign a request (an empty variable counts as unset), or None."""
    signer = environ.get(SECRET) or environ.get(KEY_PATH)
    missing = [name for name, value in ((KEY, environ.get(KEY)), (SECRET, signer)) if not value]
    if not missing:
        return None
    lead = "no credentials" if len(missing) == 2 else f"{missing[0]} is not set"
    return f"{lead}: set {KEY} and {SECRET} (or {KEY_PATH}) in the environment"
