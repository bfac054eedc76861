"""A small subset of XPath 1.0, compiled to Python: element selectors by tag and attribute.

libxml2 evaluates a predicate such as ``re:test(@class, '…')`` by calling back into Python for
every element of the page, even one with no ``class`` at all, and it builds and sorts a node
set for every ``@id|@class``. A Python loop over the elements that reads their attributes once
finds the same elements for a fraction of the cost, and ``(…)[1]`` stops at the first match.

The subset is what template selectors are made of: ``.//*`` or ``.//tag`` steps with
predicates, ``(…)[1]`` and unions of such paths; inside predicates ``or``, ``and``, ``not()``,
``self::tag``, ``@a`` and unions of attributes, ``= 'literal'``, ``contains``,
``starts-with``, ``translate``, EXSLT ``re:test`` (Python's ``re.search``, as lxml runs it), a
``.//tag`` existence test and a ``[1]`` position. ``compile_selector`` raises
``Unsupported`` on anything else, so a caller keeps the XPath. A selector returns a list of
elements in document order, as lxml does.

Each expression becomes the source of one small function (``exec`` of generated code, as
``dataclasses`` does): literals enter it through ``repr`` and regular expressions as compiled
objects, so nothing of the expression is ever run as code.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

log = logging.getLogger(__name__)

Select = Callable[[etree._Element], list[etree._Element]]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>'[^']*'|"[^"]*")
    | (?P<number>\d+)
    | (?P<op>\.//|::|[()\[\]|,=*])
    | (?P<attribute>@[A-Za-z_][\w.-]*)
    | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
    )""",
    re.VERBOSE,
)
_TAG = re.compile(r"[A-Za-z][\w-]*")
_STRING_FUNCTIONS = ("translate",)
_BOOLEAN_FUNCTIONS = ("contains", "starts-with", "re:test")


class Unsupported(ValueError):
    """The expression uses XPath beyond the subset."""


# The parsed expression. Values: an attribute set, or a function of one value and literals.
@dataclass(frozen=True)
class Attributes:
    names: tuple[str, ...]


@dataclass(frozen=True)
class Call:
    function: str
    argument: Attributes | Call
    literals: tuple[str, ...]


@dataclass(frozen=True)
class Test:
    """A predicate: ``kind`` is or, and, not, self, has, equals or true."""

    kind: str
    parts: tuple[Test, ...] = ()
    value: Attributes | Call | None = None
    text: str = ""


@dataclass(frozen=True)
class Step:
    tag: str | None
    tests: tuple[Test, ...]
    first_per_parent: bool
    among: tuple[str, ...] = ()
    """For ``*``: the tags the step is limited to (none: every element)."""


@dataclass(frozen=True)
class First:
    inner: Path


@dataclass(frozen=True)
class Union:
    paths: tuple[Path, ...]


Path = Step | First | Union


def _tokens(path: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position, end = 0, len(path.rstrip())
    while position < end:
        match = _TOKEN.match(path, position)
        if match is None or match.lastgroup is None:
            raise Unsupported(f"cannot read {path[position : position + 20]!r}")
        found.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return found


class _Parser:
    """Recursive descent over the tokens of one expression."""

    def __init__(self, path: str) -> None:
        self.tokens = _tokens(path)
        self.at = 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self, text: str | None = None, kind: str | None = None) -> str:
        found_kind, found = self.peek()
        if found_kind == "end" or (text is not None and found != text):
            raise Unsupported(f"expected {text or kind!r}, found {found!r}")
        if kind is not None and found_kind != kind:
            raise Unsupported(f"expected a {kind}, found {found!r}")
        self.at += 1
        return found

    def sees(self, text: str) -> bool:
        kind, token_text = self.peek()
        return kind in ("op", "name") and token_text == text

    def selector(self) -> Path:
        path = self.union()
        if self.peek()[0] != "end":
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return path

    def union(self) -> Path:
        paths = [self.path()]
        while self.sees("|"):
            self.take("|")
            paths.append(self.path())
        return paths[0] if len(paths) == 1 else Union(tuple(paths))

    def path(self) -> Path:
        if self.sees("("):
            self.take("(")
            inner = self.union()
            self.take(")")
            self.position_one()
            return First(inner)
        self.take(".//")
        tag = self.take()
        if tag != "*" and not _TAG.fullmatch(tag):
            raise Unsupported(f"unexpected step {tag!r}")
        tests: list[Test] = []
        first_per_parent = False
        while self.sees("[") and not first_per_parent:
            if self.peek(1)[0] == "number":
                self.position_one()
                first_per_parent = True
            else:
                self.take("[")
                tests.append(self.or_test())
                self.take("]")
        return Step(None if tag == "*" else tag, tuple(tests), first_per_parent)

    def position_one(self) -> None:
        self.take("[")
        if self.take(kind="number") != "1":
            raise Unsupported("only [1] selects by position")
        self.take("]")

    def or_test(self) -> Test:
        return self.joined("or", self.and_test)

    def and_test(self) -> Test:
        return self.joined("and", self.unary)

    def joined(self, word: str, operand: Callable[[], Test]) -> Test:
        """Operands joined by ``word`` (or, and): one test, or a test of them all."""
        parts = [operand()]
        while self.sees(word):
            self.take(word)
            parts.append(operand())
        return parts[0] if len(parts) == 1 else Test(word, tuple(parts))

    def unary(self) -> Test:
        if self.sees("("):
            self.take("(")
            test = self.or_test()
            self.take(")")
            return test
        if self.sees("not") and self.peek(1) == ("op", "("):
            self.take("not")
            self.take("(")
            inner = self.or_test()
            self.take(")")
            return Test("not", (inner,))
        if self.sees("self") and self.peek(1) == ("op", "::"):
            self.take("self")
            self.take("::")
            return Test("self", text=self.tag())
        if self.sees(".//"):
            self.take(".//")
            return Test("has", text=self.tag())
        value = self.value()
        if self.sees("="):
            self.take("=")
            if isinstance(value, Call) and value.function in _BOOLEAN_FUNCTIONS:
                raise Unsupported("a boolean compared with a string")
            return Test("equals", value=value, text=self.literal())
        return Test("true", value=value)

    def tag(self) -> str:
        tag = self.take(kind="name")
        if not _TAG.fullmatch(tag):
            raise Unsupported(f"unexpected tag {tag!r}")
        return tag

    def value(self) -> Attributes | Call:
        kind, text = self.peek()
        if kind == "attribute":
            names = [self.take()[1:]]
            while self.sees("|"):
                self.take("|")
                names.append(self.take(kind="attribute")[1:])
            return Attributes(tuple(names))
        if kind == "name" and text in _STRING_FUNCTIONS + _BOOLEAN_FUNCTIONS:
            return self.call()
        raise Unsupported(f"unexpected {text!r}")

    def call(self) -> Call:
        function = self.take()
        self.take("(")
        argument = self.value()
        if isinstance(argument, Call) and argument.function in _BOOLEAN_FUNCTIONS:
            raise Unsupported("a boolean used as a string")
        literals: list[str] = []
        while self.sees(","):
            self.take(",")
            literals.append(self.literal())
        self.take(")")
        expected = {"translate": (2,), "re:test": (1, 2)}.get(function, (1,))
        if len(literals) not in expected:
            raise Unsupported(f"{function} with {len(literals)} literals")
        return Call(function, argument, tuple(literals))

    def literal(self) -> str:
        return self.take(kind="string")[1:-1]


@dataclass
class _Writer:
    """Python source for one selector, and the objects that source refers to."""

    names: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.names)}"
        self.names[name] = value
        return name

    def attribute(self, name: str) -> str:
        """The local variable holding attribute ``name`` of the element (or None)."""
        return self.attributes.setdefault(name, f"_a{len(self.attributes)}")

    def test(self, test: Test) -> str:
        if test.kind in ("or", "and"):
            return "(" + f" {test.kind} ".join(self.test(part) for part in test.parts) + ")"
        if test.kind == "not":
            return f"(not {self.test(test.parts[0])})"
        if test.kind == "self":
            return f"(_tag == {test.text!r})"
        if test.kind == "has":
            return f"(next(_e.iterdescendants({test.text!r}), None) is not None)"
        if test.value is None:
            raise Unsupported(f"a {test.kind} test without a value")
        if test.kind == "equals":
            return self.equals(test.value, test.text)
        return self.truth(test.value)

    def equals(self, value: Attributes | Call, literal: str) -> str:
        if isinstance(value, Call):
            return f"({self.string(value)} == {literal!r})"
        # A node set equals a string when any of its nodes does.
        return "(" + " or ".join(f"{self.attribute(n)} == {literal!r}" for n in value.names) + ")"

    def truth(self, value: Attributes | Call) -> str:
        if isinstance(value, Attributes):
            return self.present(value)
        if value.function in _STRING_FUNCTIONS:
            return f"({self.string(value)} != '')"
        return self.boolean(value)

    def present(self, value: Attributes) -> str:
        return "(" + " or ".join(f"{self.attribute(n)} is not None" for n in value.names) + ")"

    def string(self, value: Attributes | Call) -> str:
        """Code for XPath's string() of a value."""
        if isinstance(value, Call):  # translate, the one string function of the subset
            table = self.constant(_table(*value.literals))
            return f"{self.string(value.argument)}.translate({table})"
        if len(value.names) == 1:
            return f"({self.attribute(value.names[0])} or '')"
        # Of several attributes, the first written on the element (document order).
        names = self.constant(frozenset(value.names))
        return f"(_first(_e, {names}) if {self.present(value)} else '')"

    def boolean(self, call: Call) -> str:
        text = self.string(call.argument)
        if call.function == "contains":
            return f"({call.literals[0]!r} in {text})"
        if call.function == "starts-with":
            return f"{text}.startswith({call.literals[0]!r})"
        flags = re.IGNORECASE if "i" in (call.literals[1:] or ("",))[0] else 0
        pattern = re.compile(call.literals[0], flags)
        code = f"({self.constant(pattern.search)}({text}) is not None)"
        if isinstance(call.argument, Attributes) and pattern.search("") is None:
            # Without the attribute the string is empty, which this pattern cannot match.
            code = f"({self.present(call.argument)} and {code})"
        return code


def _table(source: str, target: str) -> dict[int, int | None]:
    """str.translate's table for XPath's translate(): a character of ``source`` becomes the one
    at its place in ``target``, or goes when ``target`` is shorter; its first place counts."""
    table: dict[int, int | None] = {}
    for index, character in enumerate(source):
        table.setdefault(ord(character), ord(target[index]) if index < len(target) else None)
    return table


def _first(element: etree._Element, names: frozenset[str]) -> str:
    for key, value in element.items():
        if key in names:
            return str(value)
    return ""


def _step_source(step: Step, writer: _Writer, stop_at_first: bool) -> str:
    condition = " and ".join(writer.test(test) for test in step.tests) or "True"
    fetch = "".join(
        f"        {variable} = _e.get({name!r})\n" for name, variable in writer.attributes.items()
    )
    tags = writer.constant((step.tag,) if step.tag else step.among or (etree.Element,))
    keep = "return [_e]" if stop_at_first else "_found.append(_e)"
    return (
        "def select(_context):\n"
        "    _found = []\n"
        f"    for _e in _context.iterdescendants(*{tags}):\n"
        "        _tag = _e.tag\n"
        f"{fetch}"
        f"        if {condition}:\n"
        f"            {keep}\n"
        "    return _found\n"
    )


def _tag_filter(step: Step) -> Step:
    """The step with a leading ``[self::a or self::b]`` read as its tags: lxml's own walk
    then skips every other element without a call into Python."""
    if step.tag is not None or not step.tests:
        return step
    first = step.tests[0]
    parts = first.parts if first.kind == "or" else (first,)
    if not all(part.kind == "self" for part in parts):
        return step
    return Step(None, step.tests[1:], step.first_per_parent, tuple(part.text for part in parts))


def _compile_step(step: Step, stop_at_first: bool) -> Select:
    step = _tag_filter(step)
    writer = _Writer()
    writer.test(Test("and", step.tests))  # names the attributes before the source is written
    source = _step_source(step, writer, stop_at_first)
    namespace: dict[str, Any] = {"_first": _first, **writer.names}
    exec(compile(source, "<xpath_subset>", "exec"), namespace)  # noqa: S102 - generated from parsed tokens, see the module's docstring
    select: Select = namespace["select"]
    if step.first_per_parent:
        return _first_per_parent(select)
    return select


def _first_per_parent(select: Select) -> Select:
    # ".//x[…][1]" is a child step under every node: the first match among each one's children.
    def first_children(context: etree._Element) -> list[etree._Element]:
        parents: set[etree._Element | None] = set()
        firsts = []
        for element in select(context):
            parent = element.getparent()
            if parent not in parents:
                parents.add(parent)
                firsts.append(element)
        return firsts

    return first_children


def _compile(path: Path, stop_at_first: bool = False) -> Select:
    if isinstance(path, Step):
        return _compile_step(path, stop_at_first and not path.first_per_parent)
    if isinstance(path, First):
        inner = _compile(path.inner, stop_at_first=True)
        return lambda context: inner(context)[:1]
    paths = [_compile(member) for member in path.paths]
    return _union(paths)


def _union(paths: list[Select]) -> Select:
    def select(context: etree._Element) -> list[etree._Element]:
        results = [found for found in (path(context) for path in paths) if found]
        if len(results) <= 1:
            return results[0] if results else []
        chosen = {element for found in results for element in found}
        return [element for element in context.iterdescendants(etree.Element) if element in chosen]

    return select


def compile_selector(path: str) -> Select:
    """A Python function giving what the XPath ``path`` gives evaluated at an element.

    Raises ``Unsupported`` when ``path`` is beyond the subset this module reads.
    """
    try:
        return _compile(_Parser(path).selector())
    except re.error as error:
        raise Unsupported(f"regular expression: {error}") from error
