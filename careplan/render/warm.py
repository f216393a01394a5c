"""Warm-up: the renderer made ready, and the likely plan made, while the person answers."""

from __future__ import annotations

import contextlib
import gc
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from careplan import messages
from careplan.errors import RenderError

if TYPE_CHECKING:
    from careplan.plan import Plan

Doc = dict[str, Any]
OnAnswer = Callable[[Doc], None]
#: The plan an answers document leads to (the decision stage, handed in by the command line);
#: raises on answers that make no plan.
PlanMaker = Callable[[Doc], "Plan"]
#: The answers document once every question still to come has its likely or default answer
#: (the questionnaire's knowledge, handed in by the command line); None when one has neither.
Completer = Callable[[Mapping[str, Any]], "Doc | None"]

#: The answers of a small plan rendered once and thrown away: it loads the fonts, the
#: stylesheet, the templates and the code paths every plan uses.
SAMPLE: Doc = {
    "format": "careplan-answers/1",
    "age": 40,
    "pregnant": False,
    "symptoms": ["saddle_numbness"],
    "stopped_early": True,
    "paper": "letter",
}


def prepare(plan_for: PlanMaker | None = None) -> None:
    """Import WeasyPrint and do ahead all a render needs that does not depend on the answers.

    With `plan_for`, also render the small plan of SAMPLE and throw it away: Pango,
    fontconfig and the PDF writer are then warm too.
    """
    from careplan.figures import figure_ids, figure_svg
    from careplan.render.html import font_faces, get_env, render_html, stylesheet
    from careplan.render.pdf import html_to_pdf, parsed_stylesheet

    env = get_env()
    for name in env.list_templates():
        env.get_template(name)
    font_faces(False)
    stylesheet()
    parsed_stylesheet()
    for exercise in figure_ids():
        figure_svg(exercise, captions=False)  # as a plan draws it: its captions beside it
    if plan_for is None:
        return
    # The plans' own date: fonts decoded now are stamped with it, as in a render made later.
    plan = plan_for(SAMPLE)
    with collector_paused():
        html_to_pdf(plan, render_html(plan))


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the block (a render) runs, and one collection after it.

    A render makes over a million objects that mostly live until the PDF is written: the
    collector's passes during it find little. Paused, a plan takes about a tenth less time at
    the same peak memory.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            resume = _gc_pauses == 0 and _gc_was_enabled
            if resume:
                gc.enable()
        if resume:
            # All the render made is still in the youngest generation: collecting that one
            # frees its garbage without a pass over every object the imports made.
            gc.collect(0)


def render_pdf(plan: Plan, html: str) -> bytes:
    """`html_to_pdf`, with the garbage collector paused while it runs."""
    with collector_paused():
        from careplan.render.pdf import html_to_pdf

        return html_to_pdf(plan, html)


def until_idle(thread_id: int, *, most: float = 1.0, step: float = 0.02) -> None:
    """Return once the thread `thread_id` uses under a quarter of a core, or after `most` s."""
    if not hasattr(time, "pthread_getcpuclockid"):  # no per-thread clocks here: a pause will do
        time.sleep(most / 3)
        return
    try:
        clock = time.pthread_getcpuclockid(thread_id)
        used = time.clock_gettime(clock)
    except OSError:  # the thread has ended
        return
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        time.sleep(step)
        try:
            now = time.clock_gettime(clock)
        except OSError:  # the thread has ended
            return
        if now - used < step / 4:
            return
        used = now


class Warmup:
    """A background thread that prepares rendering, then renders the plan the answers point to."""

    def __init__(self, plan_for: PlanMaker, complete: Completer) -> None:
        self.plan_for = plan_for
        self.complete = complete
        self.guesses = 0
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._caught: list[warnings.WarningMessage] = []
        self._changed = threading.Condition()
        self._wanted: Doc | None = None
        self._guessed: Doc | None = None
        self._closed = False
        self._made: tuple[Plan, str, bytes] | None = None
        self._starter = threading.get_ident()
        self._thread = threading.Thread(target=self._work, name="careplan-warm-up", daemon=True)

    def _work(self) -> None:
        # Importing WeasyPrint alongside the questionnaire's own start-up would hold up its
        # first question by half: begin once that thread waits for a key.
        until_idle(self._starter)
        try:
            # Nothing may be printed over the prompt: warnings are kept and shown by wait().
            with warnings.catch_warnings(record=True) as caught:
                prepare(self.plan_for)
            self._caught = caught
        except BaseException as err:  # reported by wait(); the real render raises it again
            self._error = err
        finally:
            self._ready.set()
        while self._error is None:
            with self._changed:
                while self._wanted is None and not self._closed:
                    self._changed.wait()
                if self._wanted is None:
                    return
                doc, self._wanted = self._wanted, None
            made = self._render(doc)
            with self._changed:
                self._made = made or self._made

    def _render(self, doc: Doc) -> tuple[Plan, str, bytes] | None:
        from careplan.render.html import render_html

        try:
            plan = self.plan_for(doc)
            html = render_html(plan)
            return plan, html, render_pdf(plan, html)
        except Exception:  # only a guess: the real render reports any real problem
            return None

    @property
    def ready(self) -> bool:
        """Whether the preparation has finished (well or not)."""
        return self._ready.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the preparation; False on timeout. Raises RenderError if it failed."""
        if not self._ready.wait(timeout):
            return False
        if self._error is not None:
            err = self._error
            raise RenderError(messages.renderer_failed(type(err).__name__, err)) from err
        self._show_warnings()
        return True

    def _show_warnings(self) -> None:
        caught, self._caught = self._caught, []
        for message in caught:
            warnings.warn_explicit(
                message.message, message.category, message.filename, message.lineno
            )

    def guess(self, doc: Mapping[str, Any]) -> None:
        """Render in the background the plan these answers lead to, once they are complete but
        for questions with a likely or default answer."""
        filled = self.complete(doc)
        if filled is None:
            return
        with self._changed:
            # The last answer is often the default that was guessed: that plan is under way.
            if not self._closed and filled != self._guessed:
                self._wanted = self._guessed = filled
                self.guesses += 1
                self._changed.notify_all()

    def follow(self, on_answer: OnAnswer | None = None) -> OnAnswer:
        """An `on_answer` hook for questions.run: calls `on_answer` first, then guesses."""

        def answered(doc: Doc) -> None:
            if on_answer is not None:
                on_answer(doc)
            self.guess(doc)

        return answered

    def made(self, plan: Plan, html: str) -> bytes | None:
        """The PDF made ahead if it is this very plan, else None; waits for work under way."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        self._thread.join()
        self._show_warnings()
        if self._made is None:
            return None
        made_plan, made_html, data = self._made
        return data if made_plan == plan and made_html == html else None


def start(plan_for: PlanMaker, complete: Completer) -> Warmup:
    """Start preparing rendering in a background thread; `pdf()` later uses what it made.

    `plan_for` makes the plan of an answers document; `complete` fills in the likely answers
    of the questions still to come, so that the plan is made ahead from before they are asked.
    """
    warmup = Warmup(plan_for, complete)
    warmup._thread.start()
    return warmup


def pdf(plan: Plan, html: str, warmup: Warmup | None = None) -> bytes:
    """The plan's PDF: the one `warmup` made ahead if it is this plan, else made now."""
    if warmup is not None:
        data = warmup.made(plan, html)
        if data is not None:
            return data
    return render_pdf(plan, html)
