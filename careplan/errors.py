"""One hierarchy of errors; the command line turns each into a message and an exit status."""

from __future__ import annotations


class CareplanError(Exception):
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


class RenderError(Exception):
    """Something went wrong while laying out the PDF: an internal error, exit status 1."""
