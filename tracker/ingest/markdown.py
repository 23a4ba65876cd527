"""Markdown articles, rendered to plain text, with an optional header.

The header (YAML front matter, ``key: value`` lines, the ``date 2023-01``
form) is read by :mod:`tracker.ingest.header`; the rest is parsed with
markdown-it-py (CommonMark, with tables and strikethrough) and rendered to
the text a reader sees:

- links keep their text (``[Acme Corp](https://...)`` is ``Acme Corp``),
  emphasis and inline code lose their markers, images and inline HTML tags
  are dropped;
- headings, paragraphs and block quotes are paragraphs; without a ``title``
  in the header, a leading ``# Heading`` becomes the title;
- list items and table rows go one per line (cells joined by `` | ``);
- fenced code blocks are dropped: code is not prose. Indented blocks are
  kept as text, since in an article they are nearly always paragraphs
  indented by accident;
- HTML blocks keep their text; rules and link definitions disappear.

Lines of one paragraph are joined by a space, as a browser shows them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.feed import html_to_text
from tracker.ingest.header import read_header
from tracker.ingest.metadata import finish_article

#: Block kinds rendered one per line rather than one per paragraph.
_LINE_KINDS = frozenset(("li", "tr"))
#: Separator of a table row's cells.
CELL_SEPARATOR = " | "
# What a dropped image or tag leaves between two words.
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class Block:
    """One rendered block: its kind (``"h1"``, ``"p"``, ``"li"``, ``"tr"``...) and text."""

    kind: str
    text: str


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(children: Sequence[Any] | None) -> str:
    parts: list[str] = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # Markers (links, emphasis, strikethrough) carry no text of their
        # own; images and inline HTML tags are dropped with what they hold.
    return _SPACES.sub(" ", "".join(parts)).strip()


def render_blocks(markdown: str) -> list[Block]:
    """The text blocks of a Markdown document, in order."""
    blocks: list[Block] = []
    heading: str | None = None
    lists = 0
    row: list[str] | None = None
    for token in _parser().parse(markdown):
        kind = token.type
        if kind == "heading_open":
            heading = token.tag
        elif kind == "heading_close":
            heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row is not None and any(row):
                blocks.append(Block("tr", CELL_SEPARATOR.join(row)))
            row = None
        elif kind == "inline":
            text = _inline_text(token.children)
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(Block(heading or ("li" if lists else "p"), text))
        elif kind == "code_block":
            text = token.content.strip()
            if text:
                blocks.append(Block("p", text))
        elif kind == "html_block":
            text = html_to_text(token.content)
            if text:
                blocks.append(Block("p", text))
        # "fence" (code), "hr" and the other tokens leave no text.
    return blocks


def join_blocks(blocks: Sequence[Block]) -> str:
    """Blocks as text: a blank line between paragraphs, a line break between items."""
    parts: list[str] = []
    previous: str | None = None
    for block in blocks:
        if parts:
            same_list = block.kind in _LINE_KINDS and previous == block.kind
            parts.append("\n" if same_list else "\n\n")
        parts.append(block.text)
        previous = block.kind
    return "".join(parts)


def read_markdown(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read one Markdown article (already decoded and cleaned)."""
    header = read_header(text, path=path)
    if isinstance(header, ReadError):
        return header
    blocks = render_blocks(header.body)
    title = header.text("title")
    if title is None and blocks and blocks[0].kind == "h1":
        title, blocks = blocks[0].text, blocks[1:]
    body = join_blocks(blocks)
    if not body and not title:
        return ReadError(path, "no article text", None)
    article = Article(
        body=body,
        title=title,
        source=header.text("source"),
        url=header.text("url"),
        external_id=header.text("id"),
        path=path,
        warnings=warnings,
    )
    return finish_article(
        article, raw_date=header.fields.get("date"), declared_language=header.text("lang")
    )
