"""YAML → plain values, keeping the line of every key (so errors can name file, line and key).

Aliases are expanded as the document is converted, within a budget: a document cannot stand for more
values than it has characters (plus MIN_BUDGET), which no honest rule file comes near and which stops a
"billion laughs" at once; nesting deeper than MAX_DEPTH (an alias that contains itself, or a bomb of
brackets) is refused too. Either is one error naming the file and line, never a RecursionError."""
from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple  # a path of keys and indexes into the document


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_with_lines(text: str) -> tuple[object, dict[Path_, int]]:
    """The document's value and the 1-based line of every mapping key and sequence item."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except (RecursionError, MemoryError):
        raise YamlProblem(None, "invalid YAML: nested too deeply") from None
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    constructor = yaml.SafeLoader("")
    budget = [len(text) + MIN_BUDGET]
    return _convert(node, (), lines, constructor, budget), lines


MAX_DEPTH = 64        # rule files nest about 8 levels
MIN_BUDGET = 10_000


def _convert(node, path: Path_, lines: dict, constructor, budget: list[int]):
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(node.start_mark.line + 1, "aliases expand to more values than the file has characters "
                                                    "(a YAML bomb?): refused")
    if len(path) > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep "
                                                    "(an alias that contains itself?)")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain scalars")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_node.start_mark.line + 1, "merge keys (<<) are not supported in rule files")
            key = str(constructor.construct_object(key_node))
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key {key!r}")
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), lines, constructor, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, constructor, budget) for i, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError):
        return node.value   # "2025-02-30": kept as text, so the schema names the key that expected a date
