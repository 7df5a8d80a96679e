"""The models and enums openapi.yaml describes (generated into ``binance_coinm_rest.models``)."""

from binance_coinm_rest.models import *  # noqa: F403
from binance_coinm_rest.models import __all__ as __all__
