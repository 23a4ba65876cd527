"""Markdown is rendered to the text a reader sees before it is read."""

from __future__ import annotations

import pytest

from tracker.ingest import Article
from tracker.ingest.markdown import Block, join_blocks, read_markdown, render_blocks


def _read(text: str) -> Article:
    article = read_markdown(text, path="a.md", warnings=[])
    assert isinstance(article, Article), article
    return article


def test_link_and_emphasis_keep_both_parties():
    article = _read("[Acme Corp](https://acme.example/news) is in talks to buy **Widget Inc**\n")
    assert article.body == "Acme Corp is in talks to buy Widget Inc"
    assert article.title is None


@pytest.mark.parametrize(
    ("markdown", "body"),
    [
        pytest.param(
            "*Acme* and _Widget_ and ***Both***", "Acme and Widget and Both", id="emphasis"
        ),
        pytest.param("~~Acme~~ Widget", "Acme Widget", id="strikethrough keeps its text"),
        pytest.param("Call `Acme.buy()` now", "Call Acme.buy() now", id="inline code"),
        pytest.param("See <https://acme.example>.", "See https://acme.example.", id="autolink"),
        pytest.param(
            "Acme [bought][ref] Widget.\n\n[ref]: https://x.example",
            "Acme bought Widget.",
            id="reference link and its definition",
        ),
        pytest.param(
            "Acme ![logo](logo.png) bought Widget.", "Acme bought Widget.", id="image dropped"
        ),
        pytest.param(
            "Acme <span class='x'>bought</span> Widget.",
            "Acme bought Widget.",
            id="inline HTML tags dropped",
        ),
        pytest.param(
            "Acme bought\nWidget on Monday.", "Acme bought Widget on Monday.", id="soft break"
        ),
        pytest.param("Acme bought  \nWidget.", "Acme bought\nWidget.", id="hard break"),
        pytest.param(
            "Acme \\*bought\\* Widget &amp; Co.", "Acme *bought* Widget & Co.", id="escapes"
        ),
        pytest.param(
            "Intro.\n\n- Acme buys Widget\n- Widget **agrees**\n  - nested item\n\nAfter.",
            "Intro.\n\nAcme buys Widget\nWidget agrees\nnested item\n\nAfter.",
            id="bullet list, one item per line",
        ),
        pytest.param(
            "1. First point.\n2. Second point.", "First point.\nSecond point.", id="ordered list"
        ),
        pytest.param("> Acme *will* buy Widget.", "Acme will buy Widget.", id="block quote"),
        pytest.param(
            "Intro.\n\n```python\nacme.buy(widget)\n```\n\nAfter.",
            "Intro.\n\nAfter.",
            id="fenced code dropped",
        ),
        pytest.param(
            "    Acme bought Widget, an indented paragraph.",
            "Acme bought Widget, an indented paragraph.",
            id="indented block kept",
        ),
        pytest.param(
            "Intro.\n\n<div>Acme <b>bought</b> Widget.</div>\n\nAfter.",
            "Intro.\n\nAcme bought Widget.\n\nAfter.",
            id="HTML block keeps its text",
        ),
        pytest.param(
            "| Buyer | Target |\n|---|---|\n| Acme | Widget |",
            "Buyer | Target\nAcme | Widget",
            id="table, one row per line",
        ),
        pytest.param("Intro.\n\n---\n\nAfter.", "Intro.\n\nAfter.", id="rule dropped"),
        pytest.param(
            "# Title\n\nText.\n\n## Background\n\nMore.",
            "Text.\n\nBackground\n\nMore.",
            id="H1 is the title, other headings paragraphs",
        ),
        pytest.param("Text first.\n\n# Late heading", "Text first.\n\nLate heading", id="late H1"),
    ],
)
def test_rendered_body(markdown, body):
    assert _read(markdown).body == body


@pytest.mark.parametrize(
    ("markdown", "title", "body_start"),
    [
        ("# Acme buys [Widget](https://x)\n\nAcme bought it.", "Acme buys Widget", "Acme bought"),
        ("Acme buys Widget\n================\n\nAcme bought it.", "Acme buys Widget", "Acme"),
        ("---\ntitle: From the header\n---\n# Heading\n\nText.", "From the header", "Heading"),
        ("## Not a title\n\nText.", None, "Not a title"),
    ],
)
def test_title(markdown, title, body_start):
    article = _read(markdown)
    assert article.title == title
    assert article.body.startswith(body_start)


def test_only_markup_is_no_article_text():
    result = read_markdown(
        "```\ncode only\n```\n\n---\n\n![img](a.png)\n", path="a.md", warnings=[]
    )
    assert not isinstance(result, Article)
    assert result.message == "no article text"


def test_join_blocks_keeps_separate_lists_apart():
    blocks = [Block("li", "a"), Block("li", "b"), Block("p", "c"), Block("li", "d")]
    assert join_blocks(blocks) == "a\nb\n\nc\n\nd"


def test_deep_nesting_does_not_crash():
    blocks = render_blocks("> " * 500 + "deep\n" + "- " * 500 + "deeper\n")
    assert isinstance(blocks, list)


def test_markdown_file_end_to_end(tmp_path, read_one):
    path = tmp_path / "deal.md"
    path.write_text(
        "---\ntitle: Acme to buy Widget\nsource: The Ledger Daily\ndate: 2024-05-02\n---\n\n"
        "[Acme Corp](https://acme.example) is in talks to buy **Widget Inc** for $2 billion, "
        "people familiar with the matter said.\n\n"
        "- The deal could close in June.\n- Widget declined to comment.\n"
    )
    article = read_one(path)
    assert article.title == "Acme to buy Widget"
    assert article.body.startswith("Acme Corp is in talks to buy Widget Inc for $2 billion")
    assert article.body.endswith("The deal could close in June.\nWidget declined to comment.")
    assert "**" not in article.body and "](" not in article.body
