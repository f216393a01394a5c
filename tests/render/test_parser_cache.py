"""The HTML parser's cache of expressions (careplan/render/parser_cache.py): it finds what it
keeps, and the parser reads a plan exactly as it does without it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from careplan.render import parser_cache
from careplan.render import pdf as pdf_module
from careplan.render.html import render_html
from tests.plan_fixtures import example_plan


@pytest.fixture
def plan_html() -> str:
    return render_html(example_plan("first-spasm", "letter", False))


@pytest.fixture
def library_cache() -> Iterator[None]:
    """tinyhtml5's own cache, as it comes, for one test; careplan's put back after it."""
    mended = inputstream.characters_until_regex
    inputstream.characters_until_regex = {}
    try:
        yield
    finally:
        inputstream.characters_until_regex = mended


def test_careplan_mends_the_cache_before_it_lays_out_a_plan(plan_html: str) -> None:
    assert pdf_module.layout is not None  # imported: the module mends the cache on import
    assert isinstance(inputstream.characters_until_regex, parser_cache._Expressions)
    tinyhtml5.parse(plan_html)
    cache = inputstream.characters_until_regex
    # Kept under the characters the tokenizer asks for (text up to "&", "<" or NUL), so the
    # next lookup finds it; tinyhtml5's own code keeps each under the expression instead.
    assert (("&", "<", "\u0000"), False) in cache
    assert not any(isinstance(characters, re.Pattern) for characters, _ in cache)


def test_the_librarys_own_cache_misses_every_time(library_cache: None, plan_html: str) -> None:
    """Why the mend exists: with tinyhtml5's dict, nothing is kept under what is looked up.
    (When a tinyhtml5 fixes this, this test fails: the mend can then go.)"""
    tinyhtml5.parse(plan_html)
    cache = inputstream.characters_until_regex
    assert cache and all(isinstance(characters, re.Pattern) for characters, _ in cache)


def test_the_mended_cache_builds_the_librarys_expressions() -> None:
    cache = parser_cache._Expressions()
    assert cache[(("'", "&", "\u0000"), False)].pattern == "[^\\x27\\x26\\x00]+"
    assert cache[(frozenset("\t"), True)].pattern == "[\\x09]+"
    assert cache[("]", False)].fullmatch("abc") and not cache[("]", False)].match("]")


def test_a_plan_parses_the_same_with_either_cache(library_cache: None, plan_html: str) -> None:
    as_it_comes = ET.tostring(tinyhtml5.parse(plan_html))
    inputstream.characters_until_regex = parser_cache._Expressions()
    assert ET.tostring(tinyhtml5.parse(plan_html)) == as_it_comes


def test_mending_twice_keeps_one_cache() -> None:
    cache = inputstream.characters_until_regex
    assert parser_cache.mend() is True
    assert inputstream.characters_until_regex is cache
