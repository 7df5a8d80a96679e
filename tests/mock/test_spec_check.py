"""The spec check the mock's tests rely on refuses what openapi.yaml does not allow."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError

from binance_coinm.mock import Fault, Reply

from .spec_check import check_reply

ORDERS = "/dapi/v1/openOrders"
JSON = {"Content-Type": "application/json", "X-MBX-USED-WEIGHT-1M": "1"}


def test_undeclared_status_is_refused(spec: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="may not answer 402"):
        check_reply(spec, "GET", ORDERS, Reply(402, JSON, b'{"code":-1,"msg":"x"}'))


def test_missing_weight_header_is_refused(spec: dict[str, Any]) -> None:
    reply = Reply(400, {"Content-Type": "application/json"}, b'{"code":-1121,"msg":"x"}')
    with pytest.raises(AssertionError, match="X-MBX-USED-WEIGHT-1M"):
        check_reply(spec, "GET", ORDERS, reply)


def test_order_off_schema_is_refused(spec: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        check_reply(spec, "GET", ORDERS, Reply(200, JSON, b'[{"orderId": "1"}]'))


def test_server_error_fault_must_still_be_binance_json(spec: dict[str, Any]) -> None:
    reply = Reply(500, {"Content-Type": "application/json"}, b"{}", fault=Fault.SERVER_ERROR)
    with pytest.raises(ValidationError):
        check_reply(spec, "GET", ORDERS, reply)


def test_body_breaking_fault_is_checked_for_status_only(spec: dict[str, Any]) -> None:
    reply = Reply(502, {"Content-Type": "text/html"}, b"<html>", fault=Fault.HTML_ERROR_PAGE)
    check_reply(spec, "GET", ORDERS, reply)
