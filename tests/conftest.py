"""Shared fixtures: every test fails on a WeasyPrint warning; paths to the examples; no
hypothesis test fails for being slow on a busy machine; the tests of one example run in one
worker, which renders it once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# `make test` runs on every core (pytest-xdist): a busy machine is not a failing test.
settings.register_profile("careplan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("careplan")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = frozenset(p.stem for p in EXAMPLES.glob("*.json"))

#: The test files that read the examples' pages and PDFs through tests/renders.py.
SHARED_RENDERS = ("test_handout.py", "test_print.py", "test_spanish.py")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each example's tests in one group: with `--dist loadgroup` (pyproject.toml), one worker
    runs them all and lays the example out once, not once in every worker.

    A test without an example parameter mostly reads first-spasm, and goes with it; a property
    test renders answers of its own, and goes wherever there is room.
    """
    for item in items:
        if item.path.name not in SHARED_RENDERS:
            continue
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            continue
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("name") if callspec is not None else None
        group = name if name in EXAMPLE_NAMES else "first-spasm"
        item.add_marker(pytest.mark.xdist_group(f"example-{group}"))


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_weasyprint_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test if WeasyPrint logged a warning or an error (a missing font, bad CSS).

    `@pytest.mark.weasyprint_warns("text")` lets through the warnings that contain the text,
    and fails the test if none came.
    """
    marker = request.node.get_closest_marker("weasyprint_warns")
    expected: str | None = marker.args[0] if marker else None
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
    messages = [r.getMessage() for r in collector.records]
    if expected is not None:
        assert any(expected in m for m in messages), f"WeasyPrint did not warn of {expected!r}"
        messages = [m for m in messages if expected not in m]
    assert not messages, f"WeasyPrint warned: {messages}"


@pytest.fixture
def examples() -> Path:
    """The folder of bundled example answers."""
    return EXAMPLES
