"""The exercise ids the tests expect: one list, for the content and the figures."""

from __future__ import annotations

#: Every exercise and version the plan can show (docs/plan-record.md), each with
#: its figure in careplan/content/poses.toml: keep them exactly.
CATALOGUE_IDS = (
    "walking",
    "pelvic-tilt",
    "pelvic-tilt-all-fours",
    "pelvic-tilt-standing",
    "pelvic-tilt-seated",
    "lying-twist",
    "knee-to-chest",
    "knee-to-chest-side-lying",
    "knee-to-chest-seated",
    "cat-cow",
    "cat-cow-extension",
    "cat-cow-seated",
    "childs-pose",
    "childs-pose-seated",
    "seated-twist",
    "bird-dog",
    "bird-dog-standing",
    "hip-bridge",
    "side-plank",
    "side-plank-wall",
    "plank",
    "plank-wall",
    "shoulder-squeeze",
    "upper-back-stretch",
    "chair-extension",
    "balance-stand",
    "sit-to-stand",
    "side-lying-clam",
    "standing-back-bend",
)
