"""How a JSON body becomes models: one set of rules, at every depth, read fast or item by item.

The rules are the models' field types (msgspec, strict: ``"123"`` is no int, ``"false"`` no
bool, ``null`` no string, a required field must be there) plus one the types cannot say: a
decimal field holds a JSON string matching the spec's DecimalString pattern, so that
``to_dict()`` gives back the very text received. Fields the spec does not know are kept, at
every depth: a model with such fields keeps its own JSON text to read them from when asked.

The fast path reads a whole body in C: the models, then a "shadow" of the same body that
keeps only the text of the decimal fields (all checked by one regular expression) and
refuses unknown keys. When the shadow meets unknown keys, each model gets its own JSON text.
When the fast path finds a fault, the failing item is read alone to say which item and which
field. ``decode_item_by_item`` applies the same rules one item at a time: the reference the
fast path must agree with (a property test compares them on any body).

Reading is part of the call, so it keeps to the call's deadline: a large list body is read in
slices, and the deadline is checked between them (``DeadlinePassed``).
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache
from itertools import accumulate, chain
from operator import attrgetter
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec

from ..spec import SPEC

READ_ERRORS = (msgspec.DecodeError, ValueError, RecursionError)
"""What reading untrusted JSON can raise: malformed JSON, invalid UTF-8, nesting too deep."""
SLICE_BYTES = 4 * 1024 * 1024
"""List bodies larger than this are read in slices of about this size, the call's deadline
checked between slices (a 32 MiB body takes some 100 ms to read)."""

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
_KEYS = msgspec.json.Decoder(dict[str, msgspec.Raw])
EXTRAS = msgspec.json.Decoder(dict[str, Any], float_hook=Decimal)
"""How unknown fields are read: numbers with a fraction as Decimal, never float."""
_NULL = msgspec.Raw(b"null")
_PATH = re.compile(r"at `\$((?:\[\d+\]|\.\w+)*)`")
_STEP = re.compile(r"\[(\d+)\]|\.(\w+)")


class BodyError(ValueError):
    """A body that does not follow the spec; ``index`` and ``field`` say where, when known.

    ``index`` is the position of the item in a list body; ``field`` the JSON key of the
    failing field, with its path through nested objects and lists (``assets[1].price``)
    when it is not at the top.
    """

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


class DeadlinePassed(Exception):
    """The call's deadline passed while its body was being read."""


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


# What a field holds, read from its annotation.


def _parts(annotation: Any) -> tuple[Any, ...]:
    """The types a field may hold: its union's members, with Annotated metadata stripped."""
    origin = get_origin(annotation)
    if origin is Union or origin is UnionType:
        return tuple(part for arg in get_args(annotation) for part in _parts(arg))
    if origin is Annotated:
        return _parts(get_args(annotation)[0])
    return (annotation,)


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, msgspec.Struct) and hasattr(kind, "_source")


class _Field:
    """One field of a model, as the rules see it."""

    def __init__(self, field: msgspec.structs.FieldInfo) -> None:
        parts = [part for part in _parts(field.type) if part is not msgspec.UnsetType]
        self.name = field.name
        self.key = field.encode_name
        self.nullable = NoneType in parts
        values = [part for part in parts if part is not NoneType]
        self.decimal = values == [Decimal]
        self.model: type[msgspec.Struct] | None = None
        self.many = False
        if len(values) == 1 and _is_model(values[0]):
            self.model = values[0]
        elif len(values) == 1 and get_origin(values[0]) is list:
            (item,) = get_args(values[0]) or (None,)
            if _is_model(item):
                self.model, self.many = item, True


@cache
def fields_of(model: type[msgspec.Struct]) -> tuple[_Field, ...]:
    return tuple(_Field(field) for field in msgspec.structs.fields(model))


@cache
def known_keys(model: type[msgspec.Struct]) -> frozenset[str]:
    """The JSON keys of the fields the spec describes."""
    return frozenset(field.key for field in fields_of(model))


def extras_of(model: type[msgspec.Struct], source: bytes) -> dict[str, Any]:
    """The fields of ``source`` (one model's JSON object) that the spec does not describe."""
    known = known_keys(model)
    return {k: v for k, v in EXTRAS.decode(source).items() if k not in known}


class _Shadow:
    """Decoders that read, of a model's JSON, the text of its decimal fields, at every depth.

    ``strict`` refuses keys the spec does not know (that is how unknown fields are noticed);
    ``lenient`` reads past them.
    """

    def __init__(self, model: type[msgspec.Struct]) -> None:
        self.fields = fields_of(model)
        self.flat = all(field.model is None for field in self.fields)
        self.decimals = [f for f in self.fields if f.decimal and not f.nullable]
        self.nullable_decimals = [f for f in self.fields if f.decimal and f.nullable]
        self.strict = self._struct(model, strict=True)
        self.lenient = self._struct(model, strict=False)
        names = [f.name for f in self.decimals]
        self.texts_of: Callable[[Any], Any] | None = attrgetter(*names) if names else None
        self._own_names = names
        self._nested = [(f.name, f.model, f.many) for f in self.fields if f.model is not None]
        self.any_nullable: bool = bool(self.nullable_decimals) or any(
            _shadow(model).any_nullable for _, model, _ in self._nested
        )
        """Whether a nullable decimal stands at any depth (it is checked one by one)."""

    def _struct(self, model: type[msgspec.Struct], *, strict: bool) -> type[msgspec.Struct]:
        specs: list[tuple[str, Any, Any]] = []
        for field in self.fields:
            kind: Any
            if field.decimal:
                kind, default = msgspec.Raw, msgspec.Raw(b'"0"')
            elif field.model is not None:
                inner = _shadow(field.model)
                inner_kind = inner.strict if strict else inner.lenient
                kind, default = (list[inner_kind] if field.many else inner_kind) | None, None  # type: ignore[valid-type]
            else:
                kind, default = Any, None
            specs.append((field.name, kind, default))
        return msgspec.defstruct(
            f"{model.__name__}{'Strict' if strict else 'Lenient'}Shadow",
            specs,
            rename={field.name: field.key for field in self.fields},
            forbid_unknown_fields=strict,
            gc=False,
        )

    def texts(self, shadows: Sequence[Any]) -> list[msgspec.Raw]:
        """The decimal texts of these shadows, in order, nested ones after their parent's."""
        if self.flat:
            if self.texts_of is None:
                return []
            if len(self.decimals) == 1:
                return list(map(self.texts_of, shadows))
            return list(chain.from_iterable(map(self.texts_of, shadows)))
        if len(shadows) == 1:
            return self._texts_of_one(shadows[0])
        return list(chain.from_iterable(map(self._texts_of_one, shadows)))

    def _texts_of_one(self, shadow: Any) -> list[msgspec.Raw]:
        names = self._own_names
        own: Any = self.texts_of(shadow) if self.texts_of is not None else ()
        texts: list[msgspec.Raw] = [own] if len(names) == 1 else list(own)
        for name, model, many in self._nested:
            value = getattr(shadow, name)
            if value is not None:
                texts += _shadow(model).texts(value if many else (value,))
        return texts

    def nullable_texts_ok(self, shadows: Iterable[Any]) -> bool:
        """Nullable decimals (``icebergQuantity``) may also be JSON null; checked one by one."""
        for shadow in shadows:
            for field in self.nullable_decimals:
                text = getattr(shadow, field.name)
                if bytes(text) != b"null" and not decimal_text_ok(text):
                    return False
            for field in self.fields:
                value = None if field.model is None else getattr(shadow, field.name)
                if value is not None and not _shadow(field.model).nullable_texts_ok(
                    value if field.many else [value]
                ):
                    return False
        return True


@cache
def _shadow(model: type[msgspec.Struct]) -> _Shadow:
    return _Shadow(model)


class _Sources:
    """Gives each model of a body its own JSON text, at every depth, when unknown keys came."""

    def __init__(self, model: type[msgspec.Struct]) -> None:
        nested = [f for f in fields_of(model) if f.model is not None]
        self.nested = nested
        self.raws = (
            msgspec.json.Decoder(
                msgspec.defstruct(
                    f"{model.__name__}Raws",
                    [
                        (f.name, list[msgspec.Raw] | None, None)
                        if f.many
                        else (f.name, msgspec.Raw, _NULL)
                        for f in nested
                    ],
                    rename={f.name: f.key for f in nested},
                    gc=False,
                )
            )
            if nested
            else None
        )

    def attach(self, item: Any, source: msgspec.Raw) -> None:
        item._source = source
        if self.raws is None:
            return
        raws = self.raws.decode(source)
        for field in self.nested:
            value, raw = getattr(item, field.name), getattr(raws, field.name)
            if raw is None or raw == _NULL or value is None or value is msgspec.UNSET:
                continue
            inner = _sources(field.model)
            if field.many:
                for one, one_raw in zip(value, raw, strict=True):
                    inner.attach(one, one_raw)
            else:
                inner.attach(value, raw)


@cache
def _sources(model: type[msgspec.Struct]) -> _Sources:
    return _Sources(model)


class _Codec:
    """The decoders for one model class, derived from its fields."""

    def __init__(self, model: type[msgspec.Struct]) -> None:
        self.model = model
        self.shadow = _shadow(model)
        self.one = msgspec.json.Decoder(model)
        self.many = msgspec.json.Decoder(list[model])  # type: ignore[valid-type]
        self.shadow_one = (
            msgspec.json.Decoder(self.shadow.strict),
            msgspec.json.Decoder(self.shadow.lenient),
        )
        self.shadow_many = (
            msgspec.json.Decoder(list[self.shadow.strict]),  # type: ignore[name-defined]
            msgspec.json.Decoder(list[self.shadow.lenient]),  # type: ignore[name-defined]
        )

    def _bad_text_at(self, shadows: list[Any]) -> int | None:
        """The position of the first decimal text that breaks the pattern, among the texts of
        ``shadows`` in order; -1 when one does but its position is not told; None when none."""
        texts = self.shadow.texts(shadows)
        joined = b"".join(texts)
        valid = _DECIMAL_TOKENS.match(joined)
        if valid is not None and valid.end() == len(joined):
            if self.shadow.any_nullable and not self.shadow.nullable_texts_ok(shadows):
                return -1
            return None
        end = valid.end() if valid is not None else 0
        return bisect_right(list(accumulate(map(len, texts))), end)

    # The fast path: whole bodies, in C.

    def read_one(self, content: bytes) -> Any:
        try:
            item = self.one.decode(content)
            strict, lenient = self.shadow_one
            try:
                shadow, unknown = strict.decode(content), False
            except msgspec.ValidationError:
                shadow, unknown = lenient.decode(content), True
        except READ_ERRORS:
            return self.check_one(content)
        if self._bad_text_at([shadow]) is not None:
            return self.check_one(content)
        if unknown:
            _sources(self.model).attach(item, msgspec.Raw(content))
        return item

    def read_many(self, content: bytes, ends: float | None) -> list[Any]:
        if ends is not None and len(content) > SLICE_BYTES:
            return self._read_slices(content, ends)
        try:
            items: list[Any] = self.many.decode(content)
            strict, lenient = self.shadow_many
            try:
                shadows, unknown = strict.decode(content), False
            except msgspec.ValidationError:
                shadows, unknown = lenient.decode(content), True
        except msgspec.ValidationError as exc:
            return self._located_failure(content, _position_in(str(exc)))
        except READ_ERRORS:
            return self.check_many(content)
        bad = self._bad_text_at(shadows)
        if bad is not None:
            per_item = len(self.shadow.decimals)
            located = self.shadow.flat and per_item and bad >= 0
            return self._located_failure(content, bad // per_item if located else None)
        if unknown:
            attach = _sources(self.model).attach
            for item, source in zip(items, _RAW_ITEMS.decode(content), strict=True):
                attach(item, source)
        return items

    def _read_slices(self, content: bytes, ends: float) -> list[Any]:
        try:
            sources = _RAW_ITEMS.decode(content)
        except msgspec.ValidationError:
            raise BodyError("expected a JSON array") from None
        except READ_ERRORS as exc:
            raise BodyError(_reason(exc)) from None
        items: list[Any] = []
        share = max(1, len(sources) * SLICE_BYTES // len(content))
        for start in range(0, len(sources), share):
            if time.monotonic() >= ends:
                raise DeadlinePassed
            part = sources[start : start + share]
            try:
                items.extend(self.read_many(b"[" + b",".join(part) + b"]", None))
            except BodyError as exc:
                if exc.index is None:
                    raise
                raise BodyError(exc.reason, index=start + exc.index, field=exc.field) from None
        return items

    def _located_failure(self, content: bytes, position: int | None) -> list[Any]:
        """The error of the first item that breaks a rule, read alone for its detail, so that
        a fault in the last of 60,000 orders does not take reading the 59,999 before it one
        by one. ``position`` is where the typed read failed; an earlier item may still hold a
        decimal text the types accept but the pattern does not."""
        per_item = len(self.shadow.decimals)
        if position is not None and self.shadow.flat and per_item:
            try:
                shadows = self.shadow_many[1].decode(content)
            except READ_ERRORS:
                shadows = None
            bad = None if shadows is None else self._bad_text_at(shadows)
            if bad is not None and bad >= 0:
                position = min(position, bad // per_item)
        if position is not None:
            try:
                sources = _RAW_ITEMS.decode(content)
            except READ_ERRORS:
                sources = []
            if position < len(sources):
                self.check_one(sources[position], position)
        return self.check_many(content)  # not located, or the item passed: the reference decides

    # The item-by-item path: the same rules, one item at a time, saying where they fail.

    def check_one(self, content: bytes | msgspec.Raw, index: int | None = None) -> Any:
        try:
            item = self.one.decode(content)
        except msgspec.ValidationError as exc:
            raise BodyError(str(exc), index=index, field=_field_of(str(exc))) from None
        except READ_ERRORS as exc:
            raise BodyError(_reason(exc), index=index) from None
        shadow = self.shadow_one[1].decode(content)
        bad = _first_bad_decimal(self.shadow, shadow, "")
        if bad is not None:
            key, text = bad
            raise BodyError(
                f"{bytes(text).decode('utf-8', 'replace')} is not a decimal string as the spec "
                f"writes one ({_DECIMAL_TEXT.pattern})",
                index=index,
                field=key,
            )
        _keep_extras(self.model, item, bytes(content))
        return item

    def check_many(self, content: bytes) -> list[Any]:
        try:
            sources = _RAW_ITEMS.decode(content)
        except msgspec.ValidationError:
            raise BodyError("expected a JSON array") from None
        except READ_ERRORS as exc:
            raise BodyError(_reason(exc)) from None
        return [self.check_one(source, index) for index, source in enumerate(sources)]


def _first_bad_decimal(shadow: _Shadow, value: Any, prefix: str) -> tuple[str, msgspec.Raw] | None:
    """The dotted key and text of the first decimal of ``value`` that breaks the pattern."""
    for field in shadow.fields:
        text = getattr(value, field.name)
        if field.decimal:
            if field.nullable and bytes(text) == b"null":
                continue
            if not decimal_text_ok(text):
                return prefix + field.key, text
        elif field.model is not None and text is not None:
            inner = _shadow(field.model)
            for position, one in enumerate(text if field.many else [text]):
                where = f"{prefix}{field.key}{f'[{position}]' if field.many else ''}."
                bad = _first_bad_decimal(inner, one, where)
                if bad is not None:
                    return bad
    return None


def _keep_extras(model: type[msgspec.Struct], item: Any, content: bytes) -> None:
    """Give ``item`` and its nested models the fields the spec does not describe."""
    extras = extras_of(model, content)
    if extras:
        item._extras = extras
    nested = [f for f in fields_of(model) if f.model is not None]
    if not nested:
        return
    raws = _KEYS.decode(content)
    for field in nested:
        value, raw = getattr(item, field.name), raws.get(field.key)
        if raw is None or value is None or value is msgspec.UNSET:
            continue
        if field.many:
            for one, one_raw in zip(value, _RAW_ITEMS.decode(raw), strict=True):
                _keep_extras(field.model, one, bytes(one_raw))  # type: ignore[arg-type]
        else:
            _keep_extras(field.model, value, bytes(raw))  # type: ignore[arg-type]


def _position_in(message: str) -> int | None:
    """The list position a msgspec error names first (``$[12].price``), if it names one."""
    found = _PATH.search(message)
    step = _STEP.match(found.group(1)) if found else None
    return int(step.group(1)) if step and step.group(1) is not None else None


def _field_of(message: str) -> str | None:
    """The path of the field a msgspec error names, from the item down (``assets[1].price``)."""
    found = _PATH.search(message)
    if found is None:
        found_field = re.search(r"field `(\w+)`", message)
        return found_field.group(1) if found_field else None
    return found.group(1).removeprefix(".") or None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    return f"{type(exc).__name__}: {exc}"


@cache
def _codec(model: type[msgspec.Struct]) -> _Codec:
    return _Codec(model)


def decode_object(model: type[msgspec.Struct], content: bytes) -> Any:
    """One model from a JSON object's bytes, or BodyError."""
    return _codec(model).read_one(content)


class Decoder:
    """Reads bodies of one response type: a model class, or a list of one."""

    def __init__(self, result_type: Any) -> None:
        many = get_origin(result_type) is list
        model = get_args(result_type)[0] if many else result_type
        if not _is_model(model):
            raise TypeError(f"cannot decode responses of type {result_type!r}")
        self.many = many
        self.model: type[msgspec.Struct] = model

    def decode(self, content: bytes, ends: float | None = None) -> Any:
        """The body's value; ``ends`` (time.monotonic()) bounds the reading of a large list."""
        codec = _codec(self.model)
        return codec.read_many(content, ends) if self.many else codec.read_one(content)

    def decode_item_by_item(self, content: bytes) -> Any:
        """The reference path the fast one must agree with (and the property tests compare)."""
        codec = _codec(self.model)
        return codec.check_many(content) if self.many else codec.check_one(content)


__all__ = ["BodyError", "DeadlinePassed", "Decoder", "decimal_text_ok", "decode_object"]
