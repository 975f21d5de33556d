"""frontmatter.load: the plain `key: value` lines read without YAML give what YAML gives, and anything else goes
to YAML (booleans, nulls, numbers, signs, quoting, nesting)."""
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import frontmatter
from checker.frontmatter import _flat


def _yaml(text: str):
    frontmatter._LOADER = frontmatter._LOADER or frontmatter._loader()
    return yaml.load(text, Loader=frontmatter._LOADER)


PLAIN = ["title: Article 5\ndate: 2019-03-04\nlang: fr\n", "title: L'Union européenne s'élargit\n",
         "title: Sommet de l’OTAN (La Haye)\nlang: en\n", "author: J. Smith, AFP\n", "a_b-c: x.\n",
         "title:   Paris - Berlin   \n", "date: 2025-06-24\n\nlang: fr", "title: x\ntitle: y\n"]
# correct text that looks plain, and is not what it seems to YAML: each must go to YAML
YAML_READS = ["draft: yes\n", "draft: No\n", "on: x\n", "published: TRUE\n", "title: null\n", "title: Off\n",
              "count: 12\n", "ratio: 1.5\n", "time: 1:30\n", "octal: 0123\n", "title: a: b\n", "title: a # b\n",
              "title: 'quoted'\n", "title: \"quoted\"\n", "tags: [a, b]\n", "meta: {a: b}\n", "title: &a x\n",
              "title: *a\n", "title: !!int 3\n", "key : value\n", "title:\n", "\tkey: x\n", "  key: x\n",
              "list:\n  - a\n", "title: x\r\n", "date: 2019-3-4\n", "title: .inf\n", "title: ~\n", "", "\n"]


def test_plain_lines_are_read_as_yaml_reads_them():
    for text in PLAIN:
        assert _flat(text) == _yaml(text), text


def test_anything_else_goes_to_yaml():
    for text in YAML_READS:
        assert _flat(text) is None, text


def test_load_reports_invalid_yaml_with_its_line():
    try:
        frontmatter.load("title: x\nbad: [unclosed\n")
    except frontmatter.Invalid as exc:
        assert exc.line is not None and exc.line >= 1 and exc.problem
    else:
        raise AssertionError("invalid YAML was read")


_WORDS = st.sampled_from(["yes", "No", "on", "OFF", "true", "null", "Null", "x", "Article", "l'OTAN", "5", "1.5",
                          "2019-03-04", "0x1F", "1:30", "#", ":", "-", "a-b", "é", "(", ")", ",", ".", "’", "'",
                          "\"", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "~", "=", "<<", "_"])
_KEYS = st.sampled_from(["title", "date", "lang", "on", "yes", "null", "a_b", "a-b", "Title", "_x", "1a", "k"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEYS, st.lists(_WORDS, min_size=1, max_size=4), st.sampled_from(["", " ", "  "]),
                          st.sampled_from([" ", "  "])), min_size=1, max_size=4))
def test_generated_blocks(lines):
    text = "".join(f"{key}:{gap}{' '.join(words)}{end}\n" for key, words, end, gap in lines)
    fast = _flat(text)
    if fast is not None:
        assert fast == _yaml(text), text


def test_what_yaml_refuses_or_reports_is_left_to_it():
    """A key longer than YAML takes (1,024 characters), and a block past MAX_VALUES: YAML's path, which refuses
    the one and reports the other, not a fast read that would accept them."""
    assert _flat("k" * 129 + ": x\n") is None
    assert _flat("k" * 1025 + ": x\n") is None
    many = "".join(f"k{i}: v\n" for i in range(frontmatter.MAX_VALUES // 2))
    assert _flat(many) is None
    try:
        frontmatter.load(many)
    except frontmatter.Problem:
        pass
    else:
        raise AssertionError("a front matter past MAX_VALUES was read")
    assert _flat("k" * 128 + ": x\n") == {"k" * 128: "x"} == _yaml("k" * 128 + ": x\n")
