"""Exercise figures: each exercise's start and end positions drawn as an inline SVG.

The drawings are made from data: `careplan/content/poses.toml` declares each exercise's
poses as joint angles on one figure model (`model`), and one renderer turns them into SVG.
"""

from __future__ import annotations

import functools

from careplan.figures.catalogue import figures
from careplan.figures.svg import render
from careplan.words import DEFAULT_LANGUAGE

__all__ = ["figure_captions", "figure_ids", "figure_svg"]


def figure_ids() -> tuple[str, ...]:
    """Every exercise id that has poses, in the order the poses file declares them."""
    return tuple(figures(DEFAULT_LANGUAGE))


@functools.cache
def figure_svg(exercise_id: str, language: str = DEFAULT_LANGUAGE, *, captions: bool = True) -> str:
    """The exercise's figure as a standalone `<svg>` element: the start and end panels side by
    side or one above the other, the start also drawn faintly behind the end; its label and
    captions in `language`. Without `captions` drawn under its panels (a page prints them
    beside it as text: `figure_captions`).

    Raises:
        KeyError: no poses are declared for `exercise_id`.
    """
    return render(figures(language)[exercise_id], language, captions)


@functools.cache
def figure_captions(
    exercise_id: str, language: str = DEFAULT_LANGUAGE
) -> tuple[tuple[str, str], ...]:
    """The figure's captions in `language` as (number, caption), numbered as the drawing numbers
    its panels: the start 1, the end 2; a panel without a caption is left out.

    Raises:
        KeyError: no poses are declared for `exercise_id`.
    """
    figure = figures(language)[exercise_id]
    poses = (figure.start, figure.end)
    return tuple((str(i), pose.caption) for i, pose in enumerate(poses, start=1) if pose.caption)
