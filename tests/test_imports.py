"""The one-way flow: which stage may import which, and no import cycles (docs/design.md).

Every import of a careplan module counts, at the top of a module or inside a function: a
function-level import still ties the two modules together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "careplan"

#: Each module's stage. A new module needs a row here (a test says so).
STAGE_OF: dict[str, str] = {
    "careplan": "model",
    "careplan.errors": "model",
    "careplan.words": "model",
    "careplan.answers": "model",
    "careplan.plan": "model",
    "careplan.rules": "content",
    "careplan.content": "content",
    "careplan.figures": "figures",
    "careplan.figures.catalogue": "figures",
    "careplan.figures.check": "figures",
    "careplan.figures.drawing": "figures",
    "careplan.figures.model": "figures",
    "careplan.figures.scene": "figures",
    "careplan.figures.svg": "figures",
    "careplan.files": "files",
    "careplan.intake.questions": "intake",
    "careplan.intake.prompt": "intake",
    "careplan.intake.terminal_words": "intake",
    "careplan.intake.likely": "intake",
    "careplan.intake.drafts": "intake",
    "careplan.intake.reread": "intake",
    "careplan.intake.checkin": "intake",
    "careplan.intake.checkin_questions": "intake",
    "careplan.decide.triage": "decide",
    "careplan.decide.select": "decide",
    "careplan.decide.exercises": "decide",
    "careplan.decide.sharing": "decide",
    "careplan.decide.helpnow": "decide",
    "careplan.decide.stages": "decide",
    "careplan.decide.review": "decide",
    "careplan.render": "render",
    "careplan.render.fetcher": "render",
    "careplan.render.fonts": "render",
    "careplan.render.html": "render",
    "careplan.render.libs": "render",
    "careplan.render.pdf": "render",
    "careplan.render.resources": "render",
    "careplan.render.warm": "render",
    "careplan.cli": "command",
    "careplan.batch": "command",
    "careplan.environment": "command",
    "careplan.stop": "command",
    "careplan.__main__": "command",
}

#: The stages each stage may import (its own included). The flow runs intake → decide →
#: render; the command line joins them and may import every stage.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "model": frozenset({"model"}),
    "content": frozenset({"model", "content"}),
    "figures": frozenset({"model", "figures"}),
    "files": frozenset({"model", "files"}),
    "intake": frozenset({"model", "content", "files", "intake"}),
    "decide": frozenset({"model", "content", "decide"}),
    "render": frozenset({"model", "figures", "files", "render"}),
    "command": frozenset(STAGE_OF.values()),
}

#: The few imports across that rule, each with its reason. Each must still be made.
EXCEPTIONS: dict[tuple[str, str], str] = {
    (
        "careplan.intake.questions",
        "careplan.decide.triage",
    ): "the stop at the first emergency answer (the default of questions.run's emergency_reasons)",
    (
        "careplan.intake.checkin_questions",
        "careplan.decide.triage",
    ): "the check-in's stop at an emergency answer",
    (
        "careplan.intake.checkin",
        "careplan.decide.exercises",
    ): "the earlier plan's exercises, named by title",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The careplan modules that `name` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            # `from careplan.render import files` imports the module careplan.files.
            submodules = [f"{source}.{alias.name}" for alias in node.names]
            targets = [t for t in submodules if t in known] or [source]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("careplan") and target != name:
                yield target


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imported(name, path, known)) for name, path in modules.items()}


GRAPH = _graph()


def test_every_module_has_a_stage() -> None:
    missing = sorted(set(GRAPH) - set(STAGE_OF))
    stale = sorted(set(STAGE_OF) - set(GRAPH))
    assert not missing, f"give these modules a stage in STAGE_OF (and docs/design.md): {missing}"
    assert not stale, f"STAGE_OF names modules that are gone: {stale}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_what_its_stage_may(module: str) -> None:
    stage = STAGE_OF[module]
    forbidden = sorted(
        f"{target} ({STAGE_OF[target]})"
        for target in GRAPH[module]
        if STAGE_OF[target] not in MAY_IMPORT[stage] and (module, target) not in EXCEPTIONS
    )
    assert not forbidden, f"{module} ({stage}) may not import {forbidden}"


@pytest.mark.parametrize(("module", "target"), sorted(EXCEPTIONS))
def test_each_exception_is_still_needed(module: str, target: str) -> None:
    assert target in GRAPH[module], f"{module} no longer imports {target}: drop the exception"
    assert STAGE_OF[target] not in MAY_IMPORT[STAGE_OF[module]], "the table allows it already"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules around it, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module)
        if found:
            return found
    return None


def test_no_import_cycles() -> None:
    cycle = _cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": {"b2"}, "b2": {"b"}}, ["b", "b2", "b"]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], expected: list[str]) -> None:
    assert _cycle(graph) == expected


def test_the_import_reader_sees_imports_inside_functions() -> None:
    # batch imports select only inside a function; the reader must see it.
    assert "careplan.decide.select" in GRAPH["careplan.batch"]
    assert "careplan.files" in GRAPH["careplan.intake.drafts"]
