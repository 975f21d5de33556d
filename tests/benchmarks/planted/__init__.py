"""The planted-error benchmark: real articles of ../shared/corpora with one error of the check catalog
planted per copy (and its correct twin as a trap), checked one copy at a time; recall per kind and
language, false findings on traps and on the unmutated articles. See docs/planted.md."""
