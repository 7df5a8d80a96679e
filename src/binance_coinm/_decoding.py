"""How a response body becomes models: one set of rules, read fast or read item by item.

The rules are the models' field types (msgspec, strict: ``"123"`` is no int, ``"false"`` no
bool, ``null`` no string, a required field must be there) plus one the types cannot say: a
decimal field holds a JSON string matching the spec's DecimalString pattern, so that
``to_dict()`` gives back the very text received. Fields the spec does not know are kept.

The fast path reads a whole body in C: the models, then a "shadow" of the same body that
keeps only the text of the decimal fields (checked in one regular expression) and refuses
unknown keys. Only when the shadow finds unknown keys does it split the body, so each model
can read its unknown fields from its own text when asked. Anything the fast path doubts goes
to the item-by-item path, which applies the same rules to each item and says which item and
which field failed. A property test shows the two agree on any body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar, get_args, get_origin

import msgspec

from ._model import _EXTRAS, Model, known_keys
from ._spec import SPEC

M = TypeVar("M", bound=Model)
READ_ERRORS = (msgspec.DecodeError, ValueError, RecursionError)
"""What reading untrusted JSON can raise: malformed JSON, invalid UTF-8, nesting too deep."""

_DECIMAL_TEXT = SPEC.decimal_pattern
_DECIMAL_TOKENS = re.compile(
    rb'(?:"(?:'
    + re.sub(r"\((?!\?)", "(?:", _DECIMAL_TEXT.pattern.removeprefix("^").removesuffix("$")).encode(
        "ascii"
    )
    + rb')")*+'
)
"""Decimal strings as JSON writes them without escapes, one after the other (the spec's
pattern with its groups made non-capturing, which halves the time to match them)."""
_RAW_ITEMS = msgspec.json.Decoder(list[msgspec.Raw])
_FIELD = re.compile(r"at `\$(?:\[\d+\])?\.(\w+)`|field `(\w+)`")


class BodyError(ValueError):
    """A body that does not follow the spec; ``index`` and ``field`` say where, when known."""

    def __init__(self, reason: str, *, index: int | None = None, field: str | None = None):
        where = ", ".join(
            [
                *([f"item {index}"] if index is not None else []),
                *([f"field {field!r}"] if field else []),
            ]
        )
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.index = index
        self.field = field


def decimal_text_ok(value: msgspec.Raw | bytes) -> bool:
    """Whether one JSON value is a decimal string the way the spec writes one."""
    raw = bytes(value)
    if b"\\" not in raw:
        return _DECIMAL_TOKENS.fullmatch(raw) is not None
    try:
        text = msgspec.json.decode(raw)
    except READ_ERRORS:
        return False
    return isinstance(text, str) and _DECIMAL_TEXT.fullmatch(text) is not None


def _is_decimal(annotation: Any) -> bool:
    return annotation is Decimal or Decimal in get_args(annotation)


class _Codec:
    """The decoders for one model class, derived from its fields."""

    def __init__(self, model: type[Model]) -> None:
        fields = msgspec.structs.fields(model)
        self.model = model
        self.decimal_keys = tuple(f.encode_name for f in fields if _is_decimal(f.type))
        shadow_fields: list[tuple[str, Any, Any]] = [
            (f"f{i}", msgspec.Raw, msgspec.Raw(b'"0"')) if _is_decimal(f.type) else
            (f"f{i}", Any, None)
            for i, f in enumerate(fields)
        ]  # fmt: skip
        rename = {f"f{i}": f.encode_name for i, f in enumerate(fields)}
        strict = msgspec.defstruct(
            f"{model.__name__}Shadow", shadow_fields, rename=rename, forbid_unknown_fields=True,
            gc=False,
        )  # fmt: skip
        lenient = msgspec.defstruct(
            f"{model.__name__}LenientShadow", shadow_fields, rename=rename, gc=False
        )
        decimal_names = [f"f{i}" for i, f in enumerate(fields) if _is_decimal(f.type)]
        self.decimals: Callable[[Any], Any] | None = (
            attrgetter(*decimal_names) if decimal_names else None
        )
        self.one = msgspec.json.Decoder(model)
        self.many = msgspec.json.Decoder(list[model])  # type: ignore[valid-type]
        self.shadow = (msgspec.json.Decoder(strict), msgspec.json.Decoder(lenient))
        self.shadows = (msgspec.json.Decoder(list[strict]), msgspec.json.Decoder(list[lenient]))  # type: ignore[valid-type]

    def texts(self, shadows: Iterable[Any]) -> list[msgspec.Raw]:
        if self.decimals is None:
            return []
        if len(self.decimal_keys) == 1:
            return list(map(self.decimals, shadows))
        return list(chain.from_iterable(map(self.decimals, shadows)))

    # The fast path: whole bodies, in C.

    def read_one(self, content: bytes) -> Model:
        try:
            item = self.one.decode(content)
            strict, lenient = self.shadow
            try:
                shadow, unknown = strict.decode(content), False
            except msgspec.ValidationError:
                shadow, unknown = lenient.decode(content), True
        except READ_ERRORS:
            return self.check_one(content)
        if not _DECIMAL_TOKENS.fullmatch(b"".join(self.texts([shadow]))):
            return self.check_one(content)
        if unknown:
            item._source = msgspec.Raw(content)
        return item

    def read_many(self, content: bytes) -> list[Model]:
        try:
            items: list[Model] = self.many.decode(content)
            strict, lenient = self.shadows
            try:
                shadows, unknown = strict.decode(content), False
            except msgspec.ValidationError:
                shadows, unknown = lenient.decode(content), True
        except READ_ERRORS:
            return self.check_many(content)
        if not _DECIMAL_TOKENS.fullmatch(b"".join(self.texts(shadows))):
            return self.check_many(content)
        if unknown:
            for item, source in zip(items, _RAW_ITEMS.decode(content), strict=True):
                item._source = source
        return items

    # The item-by-item path: the same rules, one item at a time, saying where they fail.

    def check_one(self, content: bytes, index: int | None = None) -> Model:
        try:
            item = self.one.decode(content)
        except msgspec.ValidationError as exc:
            found = _FIELD.search(str(exc))
            field = next(filter(None, found.groups()), None) if found else None
            raise BodyError(str(exc), index=index, field=field) from None
        except READ_ERRORS as exc:
            raise BodyError(_reason(exc), index=index) from None
        shadow = self.shadow[1].decode(content)
        for key, text in zip(self.decimal_keys, self.texts([shadow]), strict=True):
            if not decimal_text_ok(text):
                raise BodyError(
                    f"{bytes(text).decode('utf-8', 'replace')} is not a decimal string as the spec "
                    f"writes one ({_DECIMAL_TEXT.pattern})",
                    index=index,
                    field=key,
                )
        known = known_keys(self.model)
        extras = {k: v for k, v in _EXTRAS.decode(content).items() if k not in known}
        if extras:
            item._extras = extras
        return item

    def check_many(self, content: bytes) -> list[Model]:
        try:
            sources = _RAW_ITEMS.decode(content)
        except msgspec.ValidationError:
            raise BodyError("expected a JSON array") from None
        except READ_ERRORS as exc:
            raise BodyError(_reason(exc)) from None
        return [self.check_one(source, index) for index, source in enumerate(sources)]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    return f"{type(exc).__name__}: {exc}"


@cache
def _codec(model: type[Model]) -> _Codec:
    return _Codec(model)


def decode_object(model: type[M], content: bytes) -> M:
    """One model from a JSON object's bytes, or BodyError."""
    item: Any = _codec(model).read_one(content)
    return item  # type: ignore[no-any-return]


class Decoder:
    """Reads bodies of one response type: a model class, or a list of one."""

    def __init__(self, result_type: Any) -> None:
        many = get_origin(result_type) is list
        model = get_args(result_type)[0] if many else result_type
        if not (isinstance(model, type) and issubclass(model, Model)):
            raise TypeError(f"cannot decode responses of type {result_type!r}")
        self.many = many
        self.model: type[Model] = model

    def decode(self, content: bytes) -> Any:
        codec = _codec(self.model)
        return codec.read_many(content) if self.many else codec.read_one(content)

    def decode_item_by_item(self, content: bytes) -> Any:
        """The reference path the fast one must agree with (and the property tests compare)."""
        codec = _codec(self.model)
        return codec.check_many(content) if self.many else codec.check_one(content)
