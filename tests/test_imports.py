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

#: The stage of everything in a folder of careplan/ is the folder's (docs/design.md).
FOLDER_STAGE: dict[str, str] = {
    "careplan.intake": "intake",
    "careplan.decide": "decide",
    "careplan.render": "render",
    "careplan.content": "content",
    "careplan.figures": "figures",
}

#: The stage of each module at the top of careplan/. A new one needs a row here (a test says so).
TOP_LEVEL_STAGE: dict[str, str] = {
    "careplan": "model",
    "careplan.errors": "model",
    "careplan.messages": "model",
    "careplan.words": "model",
    "careplan.answers": "model",
    "careplan.plan": "model",
    "careplan.rules": "content",
    "careplan.files": "files",
    "careplan.cli": "command",
    "careplan.batch": "command",
    "careplan.environment": "command",
    "careplan.stop": "command",
    "careplan.__main__": "command",
}

STAGES = frozenset(
    {"model", "content", "figures", "files", "intake", "decide", "render", "command"}
)


def stage_of(module: str) -> str | None:
    """The module's stage: its folder's, or its row in TOP_LEVEL_STAGE; None if it has none."""
    for folder, stage in FOLDER_STAGE.items():
        if module == folder or module.startswith(folder + "."):
            return stage
    return TOP_LEVEL_STAGE.get(module)


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
    "command": STAGES,
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
            # `from careplan.render import fonts` imports the module careplan.render.fonts.
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
    missing = sorted(name for name in GRAPH if stage_of(name) is None)
    stale = sorted(set(TOP_LEVEL_STAGE) - set(GRAPH))
    assert not missing, (
        "put these modules in a stage's folder, or give them a row in TOP_LEVEL_STAGE "
        f"(and docs/design.md): {missing}"
    )
    assert not stale, f"TOP_LEVEL_STAGE names modules that are gone: {stale}"
    assert set(FOLDER_STAGE.values()) | set(TOP_LEVEL_STAGE.values()) == STAGES == set(MAY_IMPORT)


def _forbidden(module: str, targets: set[str]) -> list[str]:
    """The imports of `module` that its stage may not make (and that are no named exception)."""
    stage = stage_of(module)
    assert stage is not None, module
    return sorted(
        f"{target} ({stage_of(target)})"
        for target in targets
        if stage_of(target) not in MAY_IMPORT[stage] and (module, target) not in EXCEPTIONS
    )


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_what_its_stage_may(module: str) -> None:
    forbidden = _forbidden(module, GRAPH[module])
    assert not forbidden, f"{module} ({stage_of(module)}) may not import {forbidden}"


@pytest.mark.parametrize(("module", "target"), sorted(EXCEPTIONS))
def test_each_exception_is_still_needed(module: str, target: str) -> None:
    assert target in GRAPH[module], f"{module} no longer imports {target}: drop the exception"
    stage, target_stage = stage_of(module), stage_of(target)
    assert stage is not None
    assert target_stage not in MAY_IMPORT[stage], "the table allows it already"


@pytest.mark.parametrize(
    ("module", "stage"),
    [
        ("careplan.intake.questions", "intake"),
        ("careplan.intake.a_new_module", "intake"),
        ("careplan.decide", "decide"),
        ("careplan.decide.a_new_module", "decide"),
        ("careplan.render.html", "render"),
        ("careplan.figures.svg", "figures"),
        ("careplan.files", "files"),
        ("careplan.cli", "command"),
        ("careplan.a_new_module", None),
        ("careplan.intakes", None),
    ],
)
def test_a_module_takes_its_folders_stage(module: str, stage: str | None) -> None:
    assert stage_of(module) == stage


@pytest.mark.parametrize(
    ("module", "target", "forbidden"),
    [
        ("careplan.render.html", "careplan.decide.select", True),
        ("careplan.render.warm", "careplan.intake.questions", True),
        ("careplan.decide.select", "careplan.intake.questions", True),
        ("careplan.decide.select", "careplan.render.html", True),
        ("careplan.intake.drafts", "careplan.cli", True),
        ("careplan.answers", "careplan.decide.triage", True),
        ("careplan.intake.questions", "careplan.decide.select", True),
        ("careplan.intake.questions", "careplan.decide.triage", False),  # a named exception
        ("careplan.intake.drafts", "careplan.files", False),
        ("careplan.decide.select", "careplan.rules", False),
        ("careplan.render.warm", "careplan.figures", False),
        ("careplan.batch", "careplan.decide.select", False),
    ],
)
def test_the_check_refuses_an_import_against_the_flow(
    module: str, target: str, forbidden: bool
) -> None:
    assert bool(_forbidden(module, {target})) is forbidden


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
