"""One question on the terminal: a questionary question whose screen is drawn with
prompt_toolkit and wrapped at word boundaries.

Every screen is redrawn from its state at the terminal's current width, so a resize re-wraps
it (on a narrower terminal, from the top of a cleared screen, so that it shows once); a refusal
is drawn right under the question, never at the bottom of the terminal. A list taller than the
terminal shows the choices that fit under its question, and how many more are above and below.
"""

from __future__ import annotations

import contextlib
import signal
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from prompt_toolkit.application import Application, get_app, get_app_session
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.key_binding.defaults import load_key_bindings
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.styles import Style
from questionary import Question

from careplan.errors import GoBack, Stopped
from careplan.intake import terminal_words as words

STYLE = Style.from_dict(
    {
        "counter": "fg:ansibrightblack",
        "question": "bold",
        "instruction": "fg:ansibrightblack",
        "pointer": "bold fg:ansicyan",
        "pointed": "bold",
        "ticked": "fg:ansigreen",
        "detail": "fg:ansibrightblack",
        "error": "bold fg:ansired",
        "answer": "fg:ansicyan",
        "more": "fg:ansibrightblack",
    }
)
POINTER = "> "
TICKED = "[x] "
UNTICKED = "[ ] "
NARROWEST = 20


@dataclass(frozen=True)
class Option:
    """One choice on a list: the value returned, its words, and more words shown under it."""

    value: Any
    label: str
    detail: str = ""


@dataclass
class Asking:
    """What one screen shows, and the state of the answer being given."""

    message: str
    instruction: str = ""
    counter: str = ""
    can_go_back: bool = True
    options: Sequence[Option] = ()
    pointed: int = 0
    top: int = 0  # the first option shown, when the list is taller than the terminal
    ticked: list[Any] = field(default_factory=list)
    error: str = ""
    echo: str = ""
    erase: bool = False  # leave nothing on the screen once answered
    #: Once answered: the lines the answer left on the screen, at a width of `columns`.
    left: int = 0
    columns: int = 0


def width() -> int:
    """The columns to wrap to: one short of the terminal's, so no line touches its edge."""
    return max(NARROWEST, get_app().output.get_size().columns - 1)


def screen_width() -> int:
    """`width()` between questions: the columns to wrap to on this session's terminal."""
    return max(NARROWEST, get_app_session().output.get_size().columns - 1)


def say(screen: TextIO, paragraphs: Sequence[str]) -> None:
    """Write paragraphs to the terminal, each wrapped at word boundaries to its width."""
    columns = screen_width()
    for paragraph in paragraphs:
        screen.write("\n".join(textwrap.wrap(paragraph, columns, break_on_hyphens=False)) + "\n")
    screen.flush()


def wrapped(
    text: str, style: str, columns: int, first: str = "", rest: str = ""
) -> StyleAndTextTuples:
    """`text` wrapped at word boundaries, each line ending in a newline."""
    lines = textwrap.wrap(
        text,
        columns,
        initial_indent=first,
        subsequent_indent=rest or " " * len(first),
        break_on_hyphens=False,
    ) or [first]
    return [(style, line + "\n") for line in lines]


def _heading(state: Asking, columns: int) -> StyleAndTextTuples:
    if get_app().is_done:
        echo = f"{state.message} {state.echo}"
        lines = textwrap.wrap(echo, columns, break_on_hyphens=False)
        state.left, state.columns = len(lines), columns
        # The answer keeps its own colour: it starts after the message's words.
        out: StyleAndTextTuples = []
        told = len(state.message)
        for line in lines:
            take = max(0, min(len(line), told))
            out.append(("class:question", line[:take]))
            out.append(("class:answer", line[take:] + "\n"))
            told -= take + 1
        return out
    out = []
    if state.counter:
        hint = f"   ({words.BACK_HINT})" if state.can_go_back else ""
        out.extend(wrapped(state.counter + hint, "class:counter", columns))
    out.extend(wrapped(state.message, "class:question", columns))
    if state.instruction:
        out.extend(wrapped(state.instruction, "class:instruction", columns))
    return out


def _error(state: Asking, columns: int) -> StyleAndTextTuples:
    if not state.error or get_app().is_done:
        return []
    return wrapped(state.error, "class:error", columns, "! ")


def _list_screen(state: Asking, ticks: bool) -> Callable[[], StyleAndTextTuples]:
    def fragments() -> StyleAndTextTuples:
        columns = width()
        out = _heading(state, columns)
        if get_app().is_done:
            return _trimmed(out)
        drawn = [_option_lines(state, index, ticks, columns) for index in range(len(state.options))]
        error = _error(state, columns)
        rows = get_app().output.get_size().rows - _lines(out) - _lines(error)
        first, last = _shown(state, [_lines(lines) for lines in drawn], rows)
        if first > 0:
            out.extend(wrapped(words.MORE_ABOVE.format(count=first), "class:more", columns))
        for lines in drawn[first:last]:
            out.extend(lines)
        if last < len(drawn):
            below = len(drawn) - last
            out.extend(wrapped(words.MORE_BELOW.format(count=below), "class:more", columns))
        out.extend(error)
        return _trimmed(out)

    return fragments


def _option_lines(state: Asking, index: int, ticks: bool, columns: int) -> StyleAndTextTuples:
    """One option's lines: its words, and under the one pointed at, its detail."""
    option = state.options[index]
    here = index == state.pointed
    mark = ""
    if ticks:
        mark = TICKED if option.value in state.ticked else UNTICKED
    first = (POINTER if here else " " * len(POINTER)) + mark
    out: StyleAndTextTuples = [("[SetCursorPosition]", "")] if here else []
    style = "class:pointed" if here else ""
    if ticks and option.value in state.ticked:
        style += " class:ticked"
    out.extend(wrapped(option.label, style, columns, first))
    if here and option.detail:
        out.extend(wrapped(option.detail, "class:detail", columns, " " * len(first)))
    return out


def _lines(fragments: StyleAndTextTuples) -> int:
    return sum(text.count("\n") for _, text, *_ in fragments)


def _shown(state: Asking, heights: Sequence[int], rows: int) -> tuple[int, int]:
    """The options shown, `first` up to (not with) `last`: all of them when they fit in `rows`;
    else as many as fit with a line for those above and one for those below (when there are
    any), the one pointed at among them. The list moves only when the one pointed at would
    leave it (`state.top`)."""
    if sum(heights) <= rows:
        state.top = 0
        return 0, len(heights)

    def last_from(first: int) -> int:
        room = rows - (first > 0)
        used, last = 0, first
        while last < len(heights) and used + heights[last] <= room:
            used += heights[last]
            last += 1
        while last < len(heights) and last > first + 1 and used > room - 1:
            last -= 1  # room for the line of those below
            used -= heights[last]
        return max(last, first + 1)

    first = min(state.top, state.pointed)
    while state.pointed >= last_from(first):
        first += 1
    state.top = first
    return first, last_from(first)


def _trimmed(fragments: StyleAndTextTuples) -> StyleAndTextTuples:
    """Without the last newline: the screen ends on its last line, not under it."""
    if fragments and fragments[-1][1].endswith("\n"):
        style, text = fragments[-1][:2]
        fragments[-1] = (style, text[:-1])
    return fragments


def _common_keys(state: Asking, back_on_left: bool) -> KeyBindings:
    keys = KeyBindings()

    @keys.add("c-c")
    @keys.add("<sigint>")  # kill -INT from outside cancels as Ctrl-C does
    def _cancel(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @keys.add("c-d")
    def _end(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError())

    @keys.add("escape")
    def _back(event: KeyPressEvent) -> None:
        if state.can_go_back:
            event.app.erase_when_done = True  # the question asked again is drawn afresh
            event.app.exit(exception=GoBack())

    if back_on_left:
        keys.add("left")(_back)
    return keys


class _Screen(Application[Any]):
    """An application that draws itself afresh at the top of the screen when the terminal narrows.

    Most terminals re-wrap (reflow) the lines already drawn when they get narrower, so the
    question above the cursor takes more rows than prompt_toolkit drew: erasing as many rows
    as it drew, as it does on a resize, would leave the top of the question on the screen and
    draw it again under its old copy. Clearing the screen first shows it once.
    """

    drawn_at = 0  # the columns the question was last drawn at

    def _on_resize(self) -> None:
        columns = self.output.get_size().columns
        narrower = columns < self.drawn_at
        self.drawn_at = columns
        if not narrower:
            super()._on_resize()
            return
        self.renderer.clear()
        self._redraw()


def _run(state: Asking, container: Any, keys: KeyBindings) -> Any:
    app = _Screen(
        layout=Layout(container),
        key_bindings=merge_key_bindings([load_key_bindings(), keys]),
        style=STYLE,
        full_screen=False,
        mouse_support=False,
        erase_when_done=state.erase,
    )
    app.drawn_at = app.output.get_size().columns
    with _stops_end(app) as stops:
        # Asked as a questionary question, as questionary's own prompts are; `unsafe_ask`
        # lets Ctrl-C through to the command line, which keeps the draft.
        answer = Question(app).unsafe_ask()
    if stops:
        raise stops[0]
    if app.erase_when_done:
        state.left = 0
    return answer


def take_back(screen: TextIO, lines: int) -> None:
    """Erase the last `lines` lines above the cursor, and all below it: an answer's echo, when
    its question is asked again."""
    if lines > 0:
        screen.write(f"\x1b[{lines}A\r\x1b[J")
        screen.flush()


#: The signals that stop a question: Ctrl-C sent from outside, SIGTERM, SIGHUP.
STOPS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


@contextlib.contextmanager
def _stops_end(app: Application[Any]) -> Iterator[list[BaseException]]:
    """While the question is asked, a stop signal ends the question; it is not raised there.

    Raised wherever the main thread happens to be, a stop can land inside asyncio's own loop,
    between taking a step of the question off the queue and running it: the step is lost, the
    clean-up waits for it for ever, and the process hangs with the question on the screen.
    Here the stop is handed to the question's loop, which ends the question with it as the
    question's own Ctrl-C key does; the list holds it, for the caller to raise once the
    question is over. After the first stop the others are ignored, as `careplan.stop` does.
    """
    stops: list[BaseException] = []
    if threading.current_thread() is not threading.main_thread():
        yield stops
        return

    def end_now() -> None:  # in the question's loop
        if app.future is not None and not app.future.done():
            app.exit(exception=stops[0])

    def stopped(signum: int, frame: object) -> None:
        if stops:
            return
        stops.append(KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signum))
        loop = app.loop
        if loop is not None and app.future is not None and not app.future.done():
            loop.call_soon_threadsafe(end_now)
        # Before the loop runs, the question ends as it starts (below); once it has its
        # answer, the caller raises the stop.

    def at_start() -> None:
        if stops:
            end_now()

    app.pre_run_callables.append(at_start)
    before = {signum: signal.getsignal(signum) for signum in STOPS}
    for signum in STOPS:
        signal.signal(signum, stopped)
    try:
        yield stops
    finally:
        for signum, handler in before.items():
            # After a stop, careplan's own handlers give way to ignoring the others: the
            # clean-up it starts is not to be broken off (`careplan.stop` puts them back).
            ours = handler not in (None, signal.SIG_DFL, signal.default_int_handler)
            signal.signal(signum, signal.SIG_IGN if stops and ours else handler or signal.SIG_DFL)


def _list_window(state: Asking, ticks: bool) -> Window:
    return Window(
        FormattedTextControl(_list_screen(state, ticks), focusable=True, show_cursor=False),
        wrap_lines=False,
        dont_extend_height=True,
        always_hide_cursor=True,
    )


def choose(state: Asking) -> Any:
    """One choice from `state.options`; Enter takes the one pointed at."""
    keys = _common_keys(state, back_on_left=True)
    _moves(keys, state)

    @keys.add("enter")
    @keys.add("c-j")  # Enter typed between two questions, while the terminal was not raw
    def _take(event: KeyPressEvent) -> None:
        option = state.options[state.pointed]
        state.echo = option.label
        event.app.exit(result=option.value)

    return _run(state, _list_window(state, ticks=False), keys)


def tick(state: Asking, check: Callable[[list[Any]], str | None]) -> list[Any]:
    """The options ticked with Space, in their order, once `check` finds no problem."""
    keys = _common_keys(state, back_on_left=True)
    _moves(keys, state)

    @keys.add("space")
    def _toggle(event: KeyPressEvent) -> None:
        value = state.options[state.pointed].value
        if value in state.ticked:
            state.ticked.remove(value)
        else:
            state.ticked.append(value)
        state.error = ""

    @keys.add("enter")
    @keys.add("c-j")  # Enter typed between two questions, while the terminal was not raw
    def _take(event: KeyPressEvent) -> None:
        chosen = [o for o in state.options if o.value in state.ticked]
        problem = check([o.value for o in chosen])
        if problem:
            state.error = problem
            return
        state.echo = "; ".join(o.label for o in chosen)
        event.app.exit(result=[o.value for o in chosen])

    result: list[Any] = _run(state, _list_window(state, ticks=True), keys)
    return result


def _moves(keys: KeyBindings, state: Asking) -> None:
    @keys.add("up")
    def _up(event: KeyPressEvent) -> None:
        state.pointed = (state.pointed - 1) % len(state.options)

    @keys.add("down")
    def _down(event: KeyPressEvent) -> None:
        state.pointed = (state.pointed + 1) % len(state.options)


def confirm(state: Asking, default: bool) -> bool:
    """Yes or no: y (or s, for "sí") or n answers at once, Enter gives the default."""
    keys = _common_keys(state, back_on_left=True)

    def answer(event: KeyPressEvent, value: bool) -> None:
        state.echo = words.YES if value else words.NO
        event.app.exit(result=value)

    for key in "yYsS":
        keys.add(key)(lambda event: answer(event, True))
    for key in "nN":
        keys.add(key)(lambda event: answer(event, False))
    keys.add("enter")(lambda event: answer(event, default))
    keys.add("c-j")(lambda event: answer(event, default))
    return bool(_run(state, _list_window(state, ticks=False), keys))


def type_in(state: Asking, default: str, check: Callable[[str], str | None]) -> str:
    """Typed text, once `check` finds no problem in it."""
    keys = _common_keys(state, back_on_left=False)
    buffer = Buffer(document=None, multiline=False)
    buffer.text = default
    buffer.cursor_position = len(default)

    def edited(_: Buffer) -> None:
        state.error = ""

    buffer.on_text_changed += edited

    @keys.add("enter")
    @keys.add("c-j")  # Enter typed between two questions, while the terminal was not raw
    def _take(event: KeyPressEvent) -> None:
        problem = check(buffer.text)
        if problem:
            state.error = problem
            return
        cleaned = " ".join(buffer.text.split())
        state.echo = cleaned or words.LEFT_BLANK
        event.app.exit(result=buffer.text)

    showing = Condition(lambda: not get_app().is_done)
    failed = Condition(lambda: bool(state.error))
    container = HSplit(
        [
            Window(
                FormattedTextControl(lambda: _trimmed(_heading(state, width()))),
                dont_extend_height=True,
                wrap_lines=False,
            ),
            ConditionalContainer(
                Window(
                    BufferControl(buffer, input_processors=[BeforeInput(words.TYPED_PROMPT)]),
                    dont_extend_height=True,
                    wrap_lines=True,
                ),
                filter=showing,
            ),
            ConditionalContainer(
                Window(
                    FormattedTextControl(lambda: _trimmed(_error(state, width()))),
                    dont_extend_height=True,
                ),
                filter=showing & failed,
            ),
        ]
    )
    text: str = _run(state, container, keys)
    return text
