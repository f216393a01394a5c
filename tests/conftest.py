"""Shared fixtures: every test fails on a WeasyPrint warning; paths to the examples; no
hypothesis test fails for being slow on a busy machine; the tests of one example run in one
worker, which renders it once; a PDF is made once in a run (tests/renders.py); the garbage
collector is paused while a test runs."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import run_pdfs

# `make test` runs on every core (pytest-xdist): a busy machine is not a failing test. It
# draws the same examples in every run (derandomize), so that a run can be repeated, on any
# machine, and a failure read again; HYPOTHESIS_PROFILE=explore draws new ones in every run,
# to look for answers no run has tried yet (README.md, Development).
settings.register_profile(
    "careplan",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("explore", settings.get_profile("careplan"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "careplan"))

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
    test renders answers of its own, and goes wherever there is room. A golden PDF's case goes
    with its example too.
    """
    for item in items:
        if item.path.name == "test_golden.py":
            _with_its_example(item)
            continue
        if item.path.name not in SHARED_RENDERS:
            continue
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            continue
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("name") if callspec is not None else None
        group = name if name in EXAMPLE_NAMES else "first-spasm"
        item.add_marker(pytest.mark.xdist_group(f"example-{group}"))


def _group(item: pytest.Item | None) -> str | None:
    marker = item.get_closest_marker("xdist_group") if item is not None else None
    return str(marker.args[0]) if marker is not None and marker.args else None


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """In a worker of `make test`, which runs an example's group of tests one after another:
    after the last of them, its laid-out pages are let go. Kept, their millions of objects
    would be scanned by every later full garbage collection. (Run without workers, the tests
    of the examples come in turns, and keep the pages.)"""
    group = _group(item)
    if (
        os.environ.get("PYTEST_XDIST_WORKER")
        and group is not None
        and _group(nextitem) != group
        and "tests.renders" in sys.modules
    ):
        sys.modules["tests.renders"]._documents.clear()
        gc.collect()


def _with_its_example(item: pytest.Item) -> None:
    """A golden PDF's case with its example's tests: its PDF differs from theirs only by what
    it embeds (the command line records the language), and is written from their layout."""
    callspec = getattr(item, "callspec", None)
    case = callspec.params.get("case") if callspec is not None else None
    if not isinstance(case, str):
        return
    stem = case.rpartition("/")[0]
    name = stem if stem in EXAMPLE_NAMES else "first-spasm"  # a check-in follows first-spasm
    item.add_marker(pytest.mark.xdist_group(f"example-{name}"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """What a run has made by the time its tests start (the imports, the collected tests) lives
    until it ends: out of the garbage collector's reach (`gc.freeze`), no full collection
    scans it again. (About a sixth of a run's time went to collecting garbage.)"""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def collector_paused_in_every_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test runs with the garbage collector paused, as careplan renders
    (careplan/render/warm.py), and one young collection after it: what the test made and let
    go is freed in one pass, and the laid-out pages kept for the next tests are not scanned
    again and again while it runs. A test of the collector itself says so with the marker
    `collector_on`."""
    if request.node.get_closest_marker("collector_on") is not None:
        yield
        return
    from careplan.render.warm import collector_paused

    with collector_paused():
        yield


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


@pytest.fixture(scope="session", autouse=True)
def run_pdfs_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder where this run keeps the PDFs it made (tests/run_pdfs.py), named in the
    environment: in the run's temporary folder (pytest-xdist gives each worker a folder of
    its own inside it), new in each run."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-pdfs"
    folder.mkdir(exist_ok=True)
    before = os.environ.get(run_pdfs.FOLDER)
    os.environ[run_pdfs.FOLDER] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(run_pdfs.FOLDER, None)
    else:
        os.environ[run_pdfs.FOLDER] = before


@pytest.fixture
def shared_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """careplan makes each PDF once in this run: the real `html_to_pdf`, its PDF kept for every
    test and worker that makes the same one (tests/renders.py). For tests that read the PDFs
    the command line writes; not for tests of rendering itself (its errors, its threads, the
    same bytes twice)."""
    from careplan.render import pdf as pdf_module
    from tests import renders

    monkeypatch.setattr(pdf_module, "html_to_pdf", renders.shared_html_to_pdf)


#: The test files of rendering itself (its errors, its threads, its fetcher, the same bytes
#: twice): careplan renders every PDF there anew.
RENDERS_ITSELF = frozenset(
    {
        "test_pdf.py",
        "test_warm.py",
        "test_renders.py",
        "test_fetcher.py",
        "test_user_agent.py",
        "test_svg_paths.py",
    }
)


@pytest.fixture(autouse=True)
def pdfs_shared_unless_rendering_is_tested(request: pytest.FixtureRequest) -> None:
    """Every other test gets `shared_pdfs`: a PDF careplan makes in-process (the command line,
    the questionnaire's warm-up, a check-in, `--from`) is made once in the run. Same inputs,
    same bytes: the key is all a PDF is made of (tests/run_pdfs.py), and tests/test_golden.py
    and tests/render/ check that careplan's render gives the same bytes every time."""
    if request.node.path.name not in RENDERS_ITSELF:
        request.getfixturevalue("shared_pdfs")


@pytest.fixture
def examples() -> Path:
    """The folder of bundled example answers."""
    return EXAMPLES
