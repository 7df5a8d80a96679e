"""The Python code blocks of a Markdown document, found the way CommonMark renders them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from markdown_it import MarkdownIt

README = Path(__file__).resolve().parents[2] / "README.md"
PYTHON_LANGUAGES = {"python", "py", "python3"}


class Snippet(NamedTuple):
    """One fenced code block: where it is, under which heading, and its code."""

    heading: str
    line: int
    """Line of the block's first code line, counted from 1."""
    source: str

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.heading.lower()).strip("-")
        return f"{slug or 'top'}-line{self.line}"


def python_snippets(markdown: str) -> list[Snippet]:
    """Every fenced block whose info string starts with python (or py), in document order."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    heading = ""
    snippets = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
        elif token.type == "fence" and token.map is not None:
            language = token.info.split(maxsplit=1)[0].lower() if token.info.strip() else ""
            if language in PYTHON_LANGUAGES:
                snippets.append(Snippet(heading, token.map[0] + 2, token.content))
    return snippets


def readme_snippets() -> list[Snippet]:
    return python_snippets(README.read_text(encoding="utf-8"))
