"""Every exception careplan raises, in one hierarchy; the command line turns each into a
message and an exit status (careplan/cli.py, `main`).

    CareplanException                 anything careplan raises on purpose
    ├── CareplanError                 a problem the person can fix: one line each, exit 2
    │   ├── UsageError                wrong or conflicting arguments
    │   ├── AnswersError              answers that are not careplan-answers/1
    │   ├── NotForChildrenError       under 18: no plan
    │   ├── InputFileError            an input file that cannot be read or is not what it should be
    │   ├── OutputError               the plan cannot be written where asked
    │   └── NeedsTerminalError        the questionnaire needs a terminal
    └── InternalError                 a bug in careplan or in its own data: exit 1
        ├── RenderError               laying out the PDF failed
        │   └── RefusedURL            the PDF asked for something careplan does not load
        ├── ContentError              the content library has problems
        └── PosesError                the poses cannot be drawn

Not errors, and so outside it: `GoBack` (the person asked for the previous question), and the
stops, which are KeyboardInterrupts so that every `finally` runs: `Stopped` (SIGTERM, SIGHUP)
and `Cancelled` (the questionnaire stopped, with how many answers its draft keeps).
"""

from __future__ import annotations

import signal
from collections.abc import Iterable


class CareplanException(Exception):
    """Anything careplan raises on purpose; `exit_status` is the command line's."""

    exit_status = 1


class CareplanError(CareplanException):
    """A problem the person can fix: printed as one line per problem, exit status 2."""

    exit_status = 2

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines: tuple[str, ...] = tuple(lines)


class UsageError(CareplanError):
    """Wrong or conflicting command-line arguments."""


class AnswersError(CareplanError):
    """An answers document that is not valid `careplan-answers/1`; one line per problem."""


class NotForChildrenError(CareplanError):
    """The person is under 18: careplan makes no plan and says whom to see."""


class InputFileError(CareplanError):
    """An input file that cannot be read, or is not what it should be."""


class OutputError(CareplanError):
    """The plan cannot be written where asked (exists, folder missing, unwritable, disk full)."""


class NeedsTerminalError(CareplanError):
    """The questionnaire needs a terminal and there is none."""


class InternalError(CareplanException):
    """A bug in careplan or in its own data, never the person's input: exit status 1."""


class RenderError(InternalError):
    """Something went wrong while laying out the PDF."""


class RefusedURL(RenderError):
    """A URL outside what careplan's PDFs may load."""


class ContentError(InternalError):
    """The content library has problems: a bug in the data files, listed one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("content library:\n" + "\n".join(self.problems))


class PosesError(InternalError):
    """The poses file says something the figure model cannot draw."""


class GoBack(Exception):
    """The person asked for the previous question."""


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: stop as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Cancelled(KeyboardInterrupt):
    """Ctrl-C during the questionnaire, with how many answers its draft keeps."""

    def __init__(self, kept: int | None, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.kept = kept
        self.signum = signum  # SIGTERM and SIGHUP stop the questionnaire too (careplan.stop)
