"""Reading articles: positions as on disk, Markdown that is not prose, encodings, languages."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.articles import display_path, parse_article, read_article, walk
from checker.finding import RunError
from checker.markup import mask_markdown


def test_mask_keeps_length_and_lines():
    text = "---\ntitle: x\n---\nLe `code` et [lien](http://x.org) <!-- note -->\n```\nTrump\n```\nfin"
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "title" not in masked and "code" not in masked and "http" not in masked and "note" not in masked
    assert "Trump" not in masked
    assert "lien" in masked and "Le" in masked and "fin" in masked


def test_positions_with_crlf_and_lone_cr():
    text = "premier\r\ndeuxième\rtroisième ligne\nquatre"
    article = parse_article(text, "a.txt", markdown=False)
    assert article.position(text.index("troisième")) == (3, 1)
    assert article.position(text.index("ligne")) == (3, 11)
    assert article.position(text.index("quatre")) == (4, 1)


def test_front_matter_lines_count(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate: 2025-06-10\nlang: fr\n---\nTexte.\n", encoding="utf-8")
    article = read_article(path)
    assert article.language == "fr" and article.language_source == "front-matter"
    assert article.position(article.text.index("Texte")) == (6, 1)


def test_bom_is_not_a_column(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffRutte a parlé.".encode("utf-8"))
    article = read_article(path)
    assert article.position(article.text.index("Rutte")) == (1, 1)


def test_non_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("première ligne\nle président était là".encode("latin-1"))
    error = read_article(path)
    assert isinstance(error, RunError)
    assert error.line == 1 and "UTF-8" in error.message and "latin1.txt" in str(error)


def test_binary_is_refused(tmp_path):
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert isinstance(read_article(path), RunError)


def test_broken_front_matter_is_reported_and_the_article_checked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [oops\n---\nLe texte reste lisible.\n", encoding="utf-8")
    article = read_article(path)
    assert article.problems and "front matter" in article.problems[0].message
    assert "texte" in article.prose


def test_language_detection():
    fr = parse_article("Le président a déclaré que les alliés sont prêts.", "a.txt", False)
    en = parse_article("The president said that the allies are ready to act.", "a.txt", False)
    assert (fr.language, en.language) == ("fr", "en")


def test_walk_is_recursive_sorted_and_skips_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "notes.pdf").write_text("x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    found = [p.name for p in walk([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.txt", "z.md"]


def test_walk_finds_a_file_once_under_any_of_its_names(tmp_path):
    (tmp_path / "a.md").write_text("x")
    os.link(tmp_path / "a.md", tmp_path / "b.md")              # a second name of the same file
    (tmp_path / "c.md").write_text("x")                         # the same text, another file: kept
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("x")
    found = [p.name for p in walk([tmp_path / "sub" / "d.md", tmp_path, tmp_path / "sub"]) if isinstance(p, Path)]
    assert found == ["d.md", "a.md", "c.md"]


def test_special_file_named_on_the_command_line(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    errors = [p for p in walk([fifo]) if isinstance(p, RunError)]
    assert errors and "not a regular file" in errors[0].message
    (tmp_path / "a.md").write_text("x")
    assert [p.name for p in walk([tmp_path]) if isinstance(p, Path)] == ["a.md"]   # the pipe is skipped


def test_too_large_an_article_is_refused_clearly(tmp_path, monkeypatch):
    import checker.articles as articles
    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("x" * 5000)
    error = read_article(path)
    assert isinstance(error, RunError) and "not checked" in error.message


def test_a_line_of_one_megabyte_keeps_positions(tmp_path):
    text = "a" * 1_000_000 + " Keir Stramer\nKeir Starmer"
    article = parse_article(text, "a.txt", False)
    assert article.position(text.index("Keir Stramer")) == (1, 1_000_002)
    assert article.position(text.rindex("Keir")) == (2, 1)


@pytest.mark.parametrize("shown", ["a.md", "sub/a.md", "../a.md", "../../x/a.md", "/", "..", ".", "sub/../a.md"])
def test_display_path_is_relpath(tmp_path, monkeypatch, shown):
    """Paths are shown relative to the working directory, as os.path.relpath gives them (display_path makes each
    folder relative once), also for a folder that holds the working directory."""
    work = tmp_path / "w" / "here"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    for path in (Path(shown), work / shown, work.parent, work, tmp_path / "w" / "here" / ".." / "here"):
        assert display_path(path) == os.path.relpath(path)
