"""Load a YAML data file through a typed model, so rendering never sees raw dicts.

Every problem becomes a DataError naming the file, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StrictBool,
    StrictStr,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from macros._errors import DataError

M = TypeVar("M", bound=BaseModel)


def _reject_non_numbers(value: Any) -> Any:
    # YAML turns 10 into int and "10" into str; a quoted number is a typo we must not coerce.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"expected a number, got {type(value).__name__} {value!r}")
    return Decimal(str(value))


def _reject_non_dates(value: Any) -> Any:
    if not isinstance(value, dt.date):
        raise ValueError(f"expected a date written as YYYY-MM-DD, got {value!r}")
    return value


Number = Annotated[Decimal, BeforeValidator(_reject_non_numbers)]
NonNegative = Annotated[Decimal, BeforeValidator(_reject_non_numbers), Field(ge=0)]
Percent = Annotated[Decimal, BeforeValidator(_reject_non_numbers), Field(ge=0, le=100)]
Count = Annotated[int, Field(strict=True, ge=0)]
Date = Annotated[dt.date, BeforeValidator(_reject_non_dates)]
Text = Annotated[StrictStr, Field(min_length=1), AfterValidator(str.strip)]
Slug = Annotated[str, Field(strict=True, pattern=r"^[a-z0-9-]+$")]  # an entry's id: lowercase, digits, hyphens
Month = Annotated[str, Field(strict=True, pattern=r"^\d{4}-\d{2}$")]  # YYYY-MM, when only the month is known
Flag = StrictBool
Confidence = Literal["official", "secondary", "unconfirmed"]

# One status vocabulary for every service, device and plan in data/, with one label each. Each model
# accepts the subset that makes sense for it (a lifecycle entry records a change, so never
# "available"), but a word means the same everywhere and is shown the same way.
STATUS_LABELS: dict[str, str] = {
    "available": "Available",
    "new": "New",
    "ending": "Ending",
    "closed_to_new_customers": "Closed to new customers",
    "maintenance_mode": "In maintenance mode",
    "end_of_support": "End of support",
    "discontinued": "Discontinued",
    "retired": "Retired",
    "returned": "Available again",
    "price_change": "Now charged",
    "changed": "Changed",
}


class Model(BaseModel):
    """Base for every data model: unknown keys are typos, and data never changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


QUOTE_MAX_WORDS = 40  # "a short verbatim excerpt (about 30 words)": room for a sentence, not a paragraph


def at_most_words(limit: int, what: str) -> AfterValidator:
    """A validator for text of at most `limit` words; `what` opens the message ("a quote is a short excerpt")."""

    def check(value: str) -> str:
        words = len(value.split())
        if words > limit:
            raise ValueError(f"{what}: {words} words, at most {limit}")
        return value

    return AfterValidator(check)


Quote = Annotated[Text, at_most_words(QUOTE_MAX_WORDS, "a quote is a short excerpt")]


class Evidence(Model):
    """Where a fact comes from, what that source says, and when it was last checked against it.

    `quote` is a short verbatim excerpt of `source` that states the claim: evidence for reviewers,
    kept in data/ and never rendered as page text. A row whose claim no official page states says so
    with `confidence: secondary` or `unconfirmed` and a `source_note`.
    """

    verified: Date
    source: HttpUrl | None = None
    quote: Quote | None = None
    source_note: Text | None = None
    confidence: Confidence = "official"
    see_also: list[HttpUrl] = []  # further pages that back part of the fact

    @model_validator(mode="after")
    def _has_a_source(self, info: ValidationInfo) -> Evidence:
        if self.source is None and self.source_note is None:
            raise ValueError("needs `source` (a URL you have read) or `source_note`")
        if self.confidence == "official":
            if self.source is None:
                raise ValueError("a fact with only a `source_note` needs confidence: secondary or unconfirmed")
            if self.quote is None and not _drafting(info):
                raise ValueError(
                    "an official row needs `quote`: a short verbatim excerpt of `source` that states the "
                    "claim (or set confidence: secondary or unconfirmed and say why in `source_note`)"
                )
        elif self.source_note is None:
            raise ValueError(f"confidence: {self.confidence} needs a `source_note` saying why no official page states it")
        if self.quote is not None and self.source is None:
            raise ValueError("`quote` needs the `source` it is quoted from")
        return self

    @property
    def unconfirmed(self) -> bool:
        return self.confidence == "unconfirmed"


DRAFT = {"draft": True}  # validation context for reports: an official row may still lack its quote


def _drafting(info: ValidationInfo | None) -> bool:
    return bool(info is not None and info.context and info.context.get("draft"))


class HasId(Protocol):
    id: str


E = TypeVar("E", bound=HasId)


def check_unique_ids(items: list[E], what: str) -> None:
    """Raise ValueError (reported by `load` as one line) when two entries share an id."""
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two {what} share an id")


def find_by_id(items: list[E], item_id: str, what: str) -> E:
    """The entry with `item_id`, or a KeyError that lists the ids that exist."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"unknown {what} {item_id!r}; known: {[item.id for item in items]}")


# libyaml's parser when PyYAML has it (the PyPI wheels do): several times faster, which is most of
# the time the macros add to a build. Resolving and constructing stay in Python, in StrictLoader.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOLEANS = {"true", "false", "True", "False", "TRUE", "FALSE"}


class StrictLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """YAML that means what it says, or an error: no duplicate keys, and none of YAML 1.1's guesses.

    PyYAML follows YAML 1.1, where an unquoted `no` is false, `1:30` is 90 (base 60) and `010` is 8.
    YAML 1.2 reads them differently, and a reader of the file sees text; so each is rejected with the
    line and a suggestion, rather than silently turned into something else.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _rejected(key_node, f"duplicate key {key!r} (first on line {first}): the last one would silently win; keep one")
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        if node.value not in _BOOLEANS:
            raise _rejected(node, f"{node.value!r} would be read as a yes/no value: write true or false, or quote it as text")
        return super().construct_yaml_bool(node)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = node.value.replace("_", "").lstrip("+-")
        if ":" in digits:
            raise _rejected(node, f"{node.value!r} would be read as a base-60 number: quote it (\"{node.value}\") if it is a time or text")
        if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
            raise _rejected(node, f"{node.value!r} would be read as an octal number: write {int(digits)} or quote it as text")
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        if ":" in node.value:
            raise _rejected(node, f"{node.value!r} would be read as a base-60 number: quote it")
        return super().construct_yaml_float(node)


def _rejected(node: yaml.Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
StrictLoader.add_constructor("tag:yaml.org,2002:bool", StrictLoader.construct_yaml_bool)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)


# Characters a reader cannot see that change what text means or how it displays: bidirectional
# controls (the "Trojan Source" trick), zero-width spaces and joiners, and a byte-order mark.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_problem(char: str) -> str:
    return f"an invisible control character (U+{ord(char):04X}) that can hide or reorder text: delete it"


def read_yaml(path: Path, name: str) -> Any:
    """The file's YAML, read strictly; DataError (one line, with the line number) on any problem."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError(name, "-", "-", "file not found") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataError(name, f"line {line}", "-", "not UTF-8 text: save the file as UTF-8") from None
    hidden = INVISIBLE.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        raise DataError(name, f"line {line}", "-", invisible_problem(hidden.group()))
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "-"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark and "\t" in (text.splitlines()[mark.line : mark.line + 1] or [""])[0]:
            problem = "a tab character: indent YAML with spaces only"
        raise DataError(name, where, "-", f"not valid YAML: {problem}") from None


def load(path: Path, model: type[M], *, root: Path | None = None, context: dict[str, Any] | None = None) -> M:
    """Read `path` and validate it as `model`; raise DataError with one line on any problem."""
    name = _display_name(path, root)
    raw = read_yaml(path, name)
    if not isinstance(raw, dict):
        found = "nothing" if raw is None else f"a {type(raw).__name__}"
        raise DataError(name, "-", "-", f"the file must be a mapping of fields (`key: value` lines), found {found}")
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as error:
        raise _to_data_error(name, raw, error) from None


def _display_name(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root).as_posix() if root else path.as_posix()
    except ValueError:
        return path.as_posix()


FIELD_MARK = "@"  # starts a model-level error that names its field: "@verified: required field is missing"


def _to_data_error(name: str, raw: Any, error: ValidationError) -> DataError:
    first = error.errors()[0]
    loc = [part for part in first["loc"] if part not in ("function-after", "function-before")]
    entry, field = _split_location(raw, loc)
    problem = first["msg"].removeprefix("Value error, ")
    if problem.startswith(FIELD_MARK):  # a model-level check that names its field: "@verified: ..."
        named, _, problem = problem[len(FIELD_MARK) :].partition(": ")
        field = named if field == "-" else f"{field}.{named}"
    if first["type"] == "extra_forbidden":
        problem = "unknown field (a typo?)"
    elif first["type"] == "missing":
        problem = "required field is missing"
    elif first["type"].startswith("url_"):
        problem = f"expected a full URL starting with https://, got {first.get('input')!r}"
    more = len(error.errors()) - 1
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    return DataError(name, entry, field, problem)


def _split_location(raw: Any, loc: list[Any]) -> tuple[str, str]:
    """Name the entry by its `id` or `name` when the path runs through a list, else by path."""
    node, walked = raw, []
    for index, part in enumerate(loc):
        walked.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict):
            label = node.get("id") or node.get("name")
            if label is None and isinstance(node.get("cells"), list) and node["cells"]:
                label = node["cells"][0]  # a comparison row is named by its first cell
            entry = f"{'.'.join(map(str, walked[:-1]))}[{part}]"
            entry += f" ({label})" if label else ""
            return entry, ".".join(map(str, loc[index + 1 :])) or "-"
    if len(loc) > 1:
        return str(loc[0]), ".".join(map(str, loc[1:]))
    return "-", ".".join(map(str, loc)) or "-"
