"""Print triage accuracy on the test vignettes next to published symptom-checker figures."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PUBLISHED = (
    "Semigran et al., BMJ 2015: right triage advice in 57% of vignettes "
    "(emergencies 80%, self-care 33%)",
    "Schmieding et al., JMIR 2022: 55.8% right in 2020, with over 40% of emergencies missed",
    "Hill et al., MJA 2020: 49% right (Australia)",
)
CAVEAT = (
    "These vignettes were written by the same team that wrote the rules, from the same table\n"
    "(docs/clinical-basis.md). This is a consistency check of the code against that\n"
    "table, not an independent validation: the checkers above were tested on vignettes\n"
    "written by others and across all of medicine, careplan only on back pain."
)


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def main() -> None:
    """Run every vignette through triage and print the figures."""
    sys.path.insert(0, str(ROOT))
    from careplan.decide.triage import triage
    from careplan.plan import Tier
    from tests.vignettes import VIGNETTES

    pairs = [(v.tier, triage(v.answers).level) for v in VIGNETTES]
    counts = Counter(pairs)
    total = len(pairs)
    right = sum(expected is given for expected, given in pairs)
    under = sum(given.rank > expected.rank for expected, given in pairs)
    over = sum(given.rank < expected.rank for expected, given in pairs)

    def caught(tier: Tier) -> str:
        return _percent(counts[tier, tier], sum(e is tier for e, _ in pairs))

    print(f"careplan triage on {total} vignettes (tests/vignettes.py)")
    print()
    print(f"  tier accuracy:       {_percent(right, total)}")
    print(f"  emergency recall:    {caught(Tier.EMERGENCY)} emergencies caught")
    print(f"  self-care kept home: {caught(Tier.SELF_CARE)}")
    print(f"  under-triage:        {under} (a less urgent tier than docs/clinical-basis.md gives)")
    print(f"  over-triage:         {over} (a more urgent tier than docs/clinical-basis.md gives)")
    print()
    print("  confusion table (rows: expected tier; columns: tier given)")
    width = max(len(t.value) for t in Tier) + 2
    print("  " + " " * width + "".join(t.value.rjust(width) for t in Tier))
    for expected in Tier:
        cells = "".join(str(counts[expected, given]).rjust(width) for given in Tier)
        print("  " + expected.value.ljust(width) + cells)
    print()
    print("General online symptom checkers (Semigran 2015, Schmieding 2022, Hill 2020):")
    for line in PUBLISHED:
        print(f"  - {line}")
    print()
    print(CAVEAT)


if __name__ == "__main__":
    main()
