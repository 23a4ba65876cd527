"""Folder walking: recursion, order, hidden entries, glob."""

from __future__ import annotations

from pathlib import Path

from tracker.ingest import Article, ReadError


def _tree(root: Path) -> None:
    files = {
        "b.txt": "Contoso denied the report.",
        "a.md": "# Litware\n\nLitware confirmed the sale.",
        "sub/c.txt": "Le groupe a confirmé la vente.",
        "sub/deeper/d.jsonl": '{"body": "Adatum said it was in talks."}\n',
        "sub/notes.log": "Not an article file.",
        ".git/e.txt": "Hidden folder.",
        "sub/.f.txt": "Hidden file.",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_folder_is_walked_recursively_sorted_skipping_hidden(tmp_path, read):
    _tree(tmp_path)
    results = read(tmp_path)
    assert all(isinstance(r, Article) for r in results)
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in results]
    assert names == ["a.md", "b.txt", "sub/c.txt", "sub/deeper/d.jsonl"]


def test_glob_filters_file_names(tmp_path, read):
    _tree(tmp_path)
    names = [Path(r.path).name for r in read(tmp_path, glob="*.txt")]
    assert names == ["b.txt", "c.txt"]
    assert [Path(r.path).name for r in read(tmp_path, glob="*.log")] == ["notes.log"]


def test_several_paths_in_order(tmp_path, read):
    _tree(tmp_path)
    results = read([tmp_path / "sub" / "c.txt", tmp_path / "missing.txt", tmp_path / "b.txt"])
    assert [type(r) for r in results] == [Article, ReadError, Article]


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path, read_one):
    _tree(tmp_path)
    assert read_one(tmp_path / "sub" / "notes.log").body == "Not an article file."
