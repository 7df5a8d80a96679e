# The public names of binance_coinm, declared once: type checkers read this file, and
# __init__.py builds __all__, dir() and the lazy loading of each name from it at import.
# One name per line: `from MODULE import NAME as NAME` (or `import *` of the generated index).
from binance_coinm_rest.names import *  # noqa: F403 - every endpoint module and model

__all__: list[str]

from . import all_open_orders as all_open_orders
from . import errors as errors
from . import models as models
from . import types as types
from ._version import __version__ as __version__
from .all_open_orders import AllOpenOrders as AllOpenOrders
from .auth.hook import BinanceAuth as BinanceAuth
from .auth.signers import Ed25519Signer as Ed25519Signer
from .auth.signers import HmacSigner as HmacSigner
from .auth.signers import RsaSigner as RsaSigner
from .auth.signers import load_private_key_signer as load_private_key_signer
from .budget.base import Budget as Budget
from .budget.local import DEFAULT_WEIGHT_LIMIT as DEFAULT_WEIGHT_LIMIT
from .budget.local import WeightBudget as WeightBudget
from .budget.redis import RedisBudget as RedisBudget
from .calls.retries import RetryPolicy as RetryPolicy
from .client.base import AuthenticatedClient as AuthenticatedClient
from .client.base import Client as Client
from .client.options import DEFAULT_DEADLINE as DEFAULT_DEADLINE
from .client.options import DEFAULT_MAX_RESPONSE_BYTES as DEFAULT_MAX_RESPONSE_BYTES
from .client.options import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from .client.options import PRODUCTION_URL as PRODUCTION_URL
from .client.options import TESTNET_URL as TESTNET_URL
from .client.signed import async_sync_clock as async_sync_clock
from .client.signed import signed_client as signed_client
from .client.signed import sync_clock as sync_clock
from .clock import ServerClock as ServerClock
from .coinm import AsyncBinanceCoinM as AsyncBinanceCoinM
from .coinm import BinanceCoinM as BinanceCoinM
from .errors import APIConnectionError as APIConnectionError
from .errors import APIResponseError as APIResponseError
from .errors import APIStatusError as APIStatusError
from .errors import APITimeoutError as APITimeoutError
from .errors import ArgumentTypeError as ArgumentTypeError
from .errors import AuthenticationError as AuthenticationError
from .errors import BinanceError as BinanceError
from .errors import ConfigurationError as ConfigurationError
from .errors import ExecutionStatusUnknownError as ExecutionStatusUnknownError
from .errors import ForbiddenError as ForbiddenError
from .errors import InvalidRequestError as InvalidRequestError
from .errors import IPBannedError as IPBannedError
from .errors import NotFoundError as NotFoundError
from .errors import OrderNotFoundError as OrderNotFoundError
from .errors import RateLimitError as RateLimitError
from .errors import ResponseDecodeError as ResponseDecodeError
from .errors import ResponseTooLargeError as ResponseTooLargeError
from .errors import ServerError as ServerError
from .errors import StreamGaveUpError as StreamGaveUpError
from .errors import TimestampError as TimestampError
from .errors import WeightBudgetExceededError as WeightBudgetExceededError
from .stream.events import RawEvent as RawEvent
from .stream.live import Change as Change
from .stream.live import ChangesDropped as ChangesDropped
from .stream.live import LiveAlgoOrder as LiveAlgoOrder
from .stream.live import LiveOpenOrders as LiveOpenOrders
from .stream.live import LiveOrder as LiveOrder
from .stream.live import Resynced as Resynced
from .stream.user_data import Gap as Gap
from .stream.user_data import UserDataStream as UserDataStream
from .types import UNSET as UNSET
from .types import Response as Response
from .types import Unset as Unset
