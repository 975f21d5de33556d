"""YAML → plain values, keeping the line of every key (so errors can name file, line and key)."""
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
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    constructor = yaml.SafeLoader("")
    return _convert(node, (), lines, constructor), lines


def _convert(node, path: Path_, lines: dict, constructor):
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
            result[key] = _convert(value_node, path + (key,), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, constructor) for i, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value   # "2025-02-30": kept as text, so the schema names the key that expected a date
