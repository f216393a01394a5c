"""docs/: links that resolve, nothing outside the repository, every field and word documented."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from careplan import answers

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ANSWERS_DOC = DOCS / "answers-format.md"

#: False: only docs/ and README.md are checked for references to files outside the repository.
#: The lead sets it to True once the comments in code no longer point outside.
WHOLE_REPOSITORY = True

#: True until the figures of one full run of bench/perf.py are pasted into README.md in place
#: of its TODO-FIGURE marks; then set it to False, and no mark may be left anywhere.
FIGURES_PENDING = False
FIGURE_MARK = "TODO-" + "FIGURE"

#: References to the developers' shared folder, which a clone of the repository does not have.
#: Built from parts so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        [
            re.escape("../" + "shared"),
            re.escape("/work/" + "shared"),
            re.escape("shared" + "/reference"),
            re.escape("shared" + "/spec"),
            r"\bclinical" + r"\.md\b",
            r"\b(?:answers|plan|checkin)" + r"-v1\b",
        ]
    )
)
#: Folders that are not part of the repository's own files.
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "build",
    "dist",
    "out",
}

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)


def markdown_files() -> list[Path]:
    """The documentation: README.md and every Markdown file under docs/."""
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def _prose(text: str) -> str:
    """Markdown without code blocks and code spans: what links and headings are read from."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file, numbered as GitHub numbers repeated ones."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for match in HEADING.finditer(FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(match.group(2))
        n = counts.get(base, 0)
        counts[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def links(path: Path) -> Iterator[str]:
    """The targets of the Markdown links in a file, outside code."""
    for match in LINK.finditer(_prose(path.read_text(encoding="utf-8"))):
        yield match.group(1)


def _is_external(target: str) -> bool:
    return re.match(r"^[a-z][a-z0-9+.-]*:", target) is not None


def _link_cases() -> list[tuple[Path, str]]:
    return [(p, t) for p in markdown_files() for t in links(p) if not _is_external(t)]


def test_docs_folder_has_the_pages_the_readme_promises() -> None:
    pages = {p.name for p in DOCS.glob("*.md")}
    assert {
        "README.md",
        "answers-format.md",
        "plan-record.md",
        "checkin-format.md",
        "command-line.md",
        "design.md",
        "clinical-basis.md",
        "contributing.md",
    } <= pages


@pytest.mark.parametrize(
    ("source", "target"),
    [pytest.param(s, t, id=f"{s.relative_to(ROOT)}->{t}") for s, t in _link_cases()],
)
def test_relative_link_resolves(source: Path, target: str) -> None:
    file_part, _, anchor = target.partition("#")
    destination = (source.parent / file_part).resolve() if file_part else source
    assert destination.exists(), f"{source.relative_to(ROOT)}: {target}: no such file"
    assert destination.is_relative_to(ROOT), f"{target}: outside the repository"
    if anchor:
        assert destination.suffix == ".md", f"{target}: an anchor into a file that is not Markdown"
        assert anchor in anchors(destination), (
            f"{source.relative_to(ROOT)}: {target}: no heading with that anchor"
        )


def test_link_checker_sees_links_and_anchors() -> None:
    # The checks above would pass on a page without links: make sure they do find them.
    cases = _link_cases()
    assert len(cases) >= 40
    assert any("#" in target for _, target in cases)
    assert "warning-signs-and-tiers" in anchors(DOCS / "clinical-basis.md")
    assert slug("Known differences, being fixed") == "known-differences-being-fixed"
    assert slug("The `careplan-answers/1` format") == "the-careplan-answers1-format"


def test_every_docs_page_is_in_the_index() -> None:
    index = {Path(t.partition("#")[0]).name for t in links(DOCS / "README.md")}
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert pages <= index, f"not linked from docs/README.md: {sorted(pages - index)}"


def _checked_files() -> Iterator[Path]:
    if not WHOLE_REPOSITORY:
        yield from markdown_files()
        return
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
        yield from (Path(folder) / name for name in sorted(names))


def test_nothing_refers_outside_the_repository() -> None:
    found = []
    for path in _checked_files():
        if path == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # fonts and other binary files
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_figures_to_fill_are_only_in_the_readme_performance_section() -> None:
    marked = [
        (path.relative_to(ROOT).as_posix(), number)
        for path in markdown_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FIGURE_MARK in line
    ]
    if not FIGURES_PENDING:
        assert not marked, f"figures still to fill: {marked}"
        return
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    performance = next(n for n, line in enumerate(readme, start=1) if line == "## Performance")
    after = [n for n, line in enumerate(readme, start=1) if line.startswith("## ")]
    end = min((n for n in after if n > performance), default=len(readme) + 1)
    assert marked, "no figure left to fill: set FIGURES_PENDING to False"
    assert all(name == "README.md" and performance < n < end for name, n in marked), marked


def test_outside_pattern_catches_what_it_should() -> None:
    for line in (
        "see ../" + "shared/DESIGN.md",
        "(clinical" + ".md §2)",
        "spec/plan" + "-v1.md",
        "(spec: answers" + "-v1)",
    ):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search("the format careplan-answers/1 and careplan-plan/1")
    assert not OUTSIDE.search("on a shared machine")


# ---- the answers model in docs/answers-format.md -------------------------------------------


def _field_paths(fields: tuple[answers.Field, ...], prefix: str = "") -> Iterator[tuple[str, ...]]:
    """Each field's path, as the ways docs may write it: `pain.now`; `check_ins[].date`."""
    for field in fields:
        yield (prefix + field.name,)
        for inner in _field_paths(field.fields):
            joined = {f"{prefix}{field.name}{j}{path}" for path in inner for j in (".", "[].")}
            yield tuple(sorted(joined))


def _words(fields: tuple[answers.Field, ...]) -> set[str]:
    found: set[str] = set()
    for field in fields:
        found.update(field.words)
        found |= _words(field.fields)
    return found


def _answers_doc() -> str:
    return ANSWERS_DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("paths", list(_field_paths(answers.FIELDS)), ids="|".join)
def test_every_field_of_the_model_is_documented(paths: tuple[str, ...]) -> None:
    text = _answers_doc()
    assert any(f"`{path}`" in text for path in paths), f"{paths[0]} not in {ANSWERS_DOC.name}"


#: The symptom, condition and medicine words, then every other word an answer may hold.
LIST_WORDS = (*answers.SYMPTOMS, *answers.CONDITIONS, *answers.MEDICINES)
ALL_WORDS = [*LIST_WORDS, *sorted(_words(answers.FIELDS) - set(LIST_WORDS))]


@pytest.mark.parametrize("word", ALL_WORDS)
def test_every_word_of_the_model_is_documented(word: str) -> None:
    text = _answers_doc()
    # As a word (`fever`) or as the JSON string a file holds (`"a4"`).
    assert f"`{word}`" in text or f'`"{word}"`' in text, f"{word} not in {ANSWERS_DOC.name}"


def test_model_coverage_sees_every_kind_of_word() -> None:
    # Guards the two tests above against a model they cannot read any more.
    paths = {p[0] for p in _field_paths(answers.FIELDS)}
    assert {"format", "age", "pain.where", "pain.started_days_ago", "symptoms"} <= paths
    assert {"saddle_numbness", "glaucoma", "blood_thinner", "below_knee", "a4"} <= _words(
        answers.FIELDS
    )
