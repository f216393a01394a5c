"""Triage vignettes: made-up people, the tier the clinical reference gives them, a piece of why,
and for some what their plan must show, withhold or leave out."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from careplan.answers import FORMAT, Answers, from_dict
from careplan.plan import Tier

#: A plain, valid person with an ordinary spasm: self-care on its own.
PLAIN: dict[str, Any] = {
    "format": FORMAT,
    "age": 40,
    "pregnant": False,
    "pain": {
        "where": "lower",
        "now": 5,
        "worst": 6,
        "started_days_ago": 2,
        "trigger": "lifting",
        "leg": "none",
        "before": "sometimes",
        "interferes": 5,
    },
    "symptoms": [],
    "conditions": [],
    "medicines": [],
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": True,
    "activity": "mostly_sitting",
}
PAIN_FIELDS = frozenset(PLAIN["pain"])


def person(**changes: Any) -> Answers:
    """The plain person with some answers changed; pain fields are given by their own names."""
    doc = copy.deepcopy(PLAIN)
    for key, value in changes.items():
        if key in PAIN_FIELDS:
            doc["pain"][key] = value
        else:
            doc[key] = list(value) if isinstance(value, tuple) else value
    return from_dict(doc)


def stopped(age: int, *symptoms: str, weeks: int | None = None) -> Answers:
    """Answers from a questionnaire that stopped at an emergency answer: no pain fields."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "age": age,
        "pregnant": weeks is not None,
        "symptoms": list(symptoms),
        "stopped_early": True,
    }
    if weeks is not None:
        doc["pregnancy_weeks"] = weeks
    return from_dict(doc)


@dataclass(frozen=True)
class Vignette:
    """One made-up person: what happened, their answers, the expected tier and why."""

    id: str
    story: str
    answers: Answers
    tier: Tier
    why: str  # a piece of one of the reasons; "" for self-care
    #: Section or exercise ids the plan must show.
    shown: tuple[str, ...] = ()
    #: Item ids the plan must list in `withheld` (and print under "Not for you").
    withheld: tuple[str, ...] = ()
    #: Ids the plan must neither show nor withhold.
    hidden: tuple[str, ...] = ()
    #: The phase of the plan's exercises; None: not checked.
    phase: str | None = None


E, U, S, R, C = Tier.EMERGENCY, Tier.URGENT, Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE
#: What a sign of a kidney infection or stone rules out besides anti-inflammatory tablets.
KIDNEY_OUT = ("heat", "warm-bath")

VIGNETTES: tuple[Vignette, ...] = (
    # ---- ordinary spasms stay at home
    Vignette(
        "maria-sofa",
        "Maria, 34, lifted a sofa yesterday, pain 7, no leg pain",
        person(age=34, started_days_ago=1, now=7, worst=8, interferes=7),
        C,
        "",
    ),
    Vignette(
        "ben-slept-badly",
        "Ben, 28, woke up with a stiff lower back this morning",
        person(age=28, trigger="sleep", started_days_ago=0, now=4, before="often"),
        R,
        "often",
    ),
    Vignette(
        "chloe-thigh",
        "Chloe, 45, twisted gardening 5 days ago, ache into the buttock and thigh",
        person(age=45, trigger="twisting", started_days_ago=5, leg="buttock_or_thigh"),
        C,
        "",
    ),
    # ---- emergency: each sign of docs/clinical-basis.md
    Vignette(
        "tom-saddle",
        "Tom, 45, lifted a washing machine 2 days ago; now numb around his bottom",
        person(age=45, symptoms=("saddle_numbness",)),
        E,
        "cauda equina",
    ),
    Vignette(
        "aisha-bladder",
        "Aisha, 38, bent to pick up a box 4 days ago; since last night cannot pass urine",
        person(
            age=38, trigger="bending", started_days_ago=4, symptoms=("bladder_or_bowel_change",)
        ),
        E,
        "bladder or bowels",
    ),
    Vignette(
        "marco-sexual",
        "Marco, 52, sciatica for a week, and a new change in sexual function",
        person(age=52, leg="below_knee", started_days_ago=7, symptoms=("sexual_function_change",)),
        E,
        "sexual feeling",
    ),
    Vignette(
        "helen-numb-legs",
        "Helen, 57, back pain for 3 days and new numbness in both legs",
        person(age=57, started_days_ago=3, symptoms=("numbness_both_legs",)),
        E,
        "numbness in both legs",
    ),
    Vignette(
        "sam-both-legs",
        "Sam, 29, hurt his back at football; pain and tingling down both legs",
        person(age=29, trigger="sport", leg="both_legs"),
        E,
        "down both legs",
    ),
    Vignette(
        "grace-weak-legs",
        "Grace, 55, her legs feel weaker each day and she keeps tripping",
        person(age=55, trigger="none_known", symptoms=("leg_weakness_worsening",)),
        E,
        "weakness in your legs",
    ),
    Vignette(
        "frank-tearing",
        "Frank, 68, sudden tearing pain between the shoulder blades, sweaty and faint",
        person(
            age=68,
            where="upper",
            trigger="none_known",
            started_days_ago=0,
            now=10,
            worst=10,
            symptoms=("sudden_severe_pain_faint",),
        ),
        E,
        "aorta",
    ),
    Vignette(
        "li-chest",
        "Li, 47, upper back pain while carrying shopping, tight chest and short of breath",
        person(age=47, where="upper", symptoms=("chest_pain_or_breathless",)),
        E,
        "chest pain",
    ),
    Vignette(
        "edith-confused",
        "Edith, 84, back ache; her daughter says she has been muddled since yesterday",
        person(age=84, trigger="sitting", symptoms=("confused_or_drowsy",)),
        E,
        "confused",
    ),
    Vignette(
        "dev-car-crash-day-3",
        "Dev, 33, rear-ended in a car crash 3 days ago",
        person(age=33, trigger="major_accident", started_days_ago=3),
        E,
        "serious accident in the last week",
    ),
    Vignette(
        "nina-motorbike-day-7",
        "Nina, 41, came off her motorbike exactly a week ago (day 7: still emergency)",
        person(age=41, trigger="major_accident", started_days_ago=7),
        E,
        "serious accident in the last week",
    ),
    Vignette(
        "priya-tightening",
        "Priya, 31, 34 weeks pregnant, back pain that comes and goes every few minutes",
        person(
            age=31,
            pregnant=True,
            pregnancy_weeks=34,
            trigger="none_known",
            symptoms=("pregnancy_warning",),
        ),
        E,
        "pregnancy warning sign",
    ),
    Vignette(
        "joe-stopped-early",
        "Joe, 50, the questionnaire stopped at numbness around his bottom (no pain answers)",
        stopped(50, "saddle_numbness"),
        E,
        "cauda equina",
    ),
    Vignette(
        "rosa-stopped-early-pregnant",
        "Rosa, 26, 30 weeks pregnant, stopped early at bleeding (no pain answers)",
        stopped(26, "pregnancy_warning", weeks=30),
        E,
        "pregnancy warning sign",
    ),
    Vignette(
        "tom-stopped-early-legs",
        "Tom, 45, the questionnaire stopped when he said the pain goes down both legs "
        "(no symptoms ticked, no pain answers saved)",
        stopped(45),
        E,
        "questions stopped there",
    ),
    Vignette(
        "omar-fever-and-saddle",
        "Omar, 60, fever and new numbness around his bottom: the emergency wins",
        person(age=60, symptoms=("fever", "saddle_numbness")),
        E,
        "kidney infection",
    ),
    # ---- urgent: each item of docs/clinical-basis.md
    Vignette(
        "olivia-fever",
        "Olivia, 27, one-sided back pain since yesterday, hot and shivery",
        person(age=27, trigger="none_known", started_days_ago=1, symptoms=("fever",)),
        U,
        "kidney infection",
    ),
    Vignette(
        "beth-burning",
        "Beth, 35, back ache and it burns when she pees",
        person(age=35, trigger="none_known", symptoms=("urinary_burning_or_frequency",)),
        U,
        "burns when you pass urine",
    ),
    Vignette(
        "raj-blood",
        "Raj, 44, pain in his side and back, pink urine",
        person(age=44, trigger="none_known", symptoms=("blood_in_urine",)),
        U,
        "blood in your urine",
    ),
    Vignette(
        "kate-vomiting",
        "Kate, 30, back pain and being sick since this morning",
        person(age=30, trigger="none_known", started_days_ago=0, symptoms=("vomiting",)),
        U,
        "being sick",
    ),
    Vignette(
        "ahmed-chemo",
        "Ahmed, 58, on chemotherapy, back pain for 10 days",
        person(age=58, started_days_ago=10, conditions=("immune_weakened",)),
        U,
        "weak immune system",
    ),
    Vignette(
        "ryan-injects",
        "Ryan, 36, injects drugs, back pain for 5 days",
        person(age=36, trigger="none_known", started_days_ago=5, conditions=("injects_drugs",)),
        U,
        "injects drugs",
    ),
    Vignette(
        "ines-immune-day-41",
        "Ines, 49, kidney transplant, back pain for 41 days (still new)",
        person(age=49, started_days_ago=41, now=3, conditions=("immune_weakened",)),
        U,
        "weak immune system",
    ),
    Vignette(
        "walter-nights",
        "Walter, 59, pain much worse at night, turning over does not help",
        person(age=59, symptoms=("night_pain_unrelieved",)),
        U,
        "worse at night",
    ),
    Vignette(
        "joan-fall-osteoporosis",
        "Joan, 66, has osteoporosis, slipped on the last stair",
        person(age=66, trigger="minor_fall", conditions=("osteoporosis",)),
        U,
        "small fall",
    ),
    Vignette(
        "peter-fall-steroids",
        "Peter, 55, prednisolone for years, slipped in the bath",
        person(age=55, trigger="minor_fall", medicines=("steroid_tablets",)),
        U,
        "small fall",
    ),
    Vignette(
        "arthur-fall-71",
        "Arthur, 71, tripped on a rug and landed on his bottom",
        person(age=71, trigger="minor_fall"),
        U,
        "age over 70",
    ),
    Vignette(
        "susan-lift-osteoporosis",
        "Susan, 63, has osteoporosis, lifted her grandson",
        person(age=63, trigger="lifting", conditions=("osteoporosis",)),
        U,
        "even lifting",
    ),
    Vignette(
        "carl-lift-steroids",
        "Carl, 49, on steroid tablets for his lungs for a year, lifted boxes",
        person(age=49, trigger="lifting", medicines=("steroid_tablets",)),
        U,
        "even lifting",
    ),
    Vignette(
        "linda-cancer-mid-back",
        "Linda, 62, breast cancer 5 years ago, mid-back pain after weeding",
        person(age=62, where="middle", trigger="bending", conditions=("cancer_history",)),
        U,
        "linked to the cancer",
    ),
    Vignette(
        "george-cancer-worse",
        "George, 70, prostate cancer, low back pain worse every day",
        person(age=70, conditions=("cancer_history",), symptoms=("worse_each_day",)),
        U,
        "linked to the cancer",
    ),
    Vignette(
        "anne-cancer-sciatica",
        "Anne, 54, bowel cancer last year, pain going below the knee",
        person(age=54, leg="below_knee", conditions=("cancer_history",)),
        U,
        "linked to the cancer",
    ),
    Vignette(
        "david-cancer-pain-8",
        "David, 65, lymphoma in the past, lifted a suitcase, pain 8",
        person(age=65, now=8, worst=9, conditions=("cancer_history",)),
        U,
        "linked to the cancer",
    ),
    Vignette(
        "yusuf-mid-back-51",
        "Yusuf, 51, mid-back pain for no reason he can think of",
        person(age=51, where="middle", trigger="none_known"),
        U,
        "over 50",
    ),
    Vignette(
        "claire-upper-osteoporosis",
        "Claire, 45, early osteoporosis, upper back pain out of nowhere",
        person(age=45, where="upper", trigger="none_known", conditions=("osteoporosis",)),
        U,
        "weaker bones",
    ),
    Vignette(
        "tony-crash-day-8",
        "Tony, 38, car crash 8 days ago, still sore",
        person(age=38, trigger="major_accident", started_days_ago=8),
        U,
        "more than a week ago",
    ),
    Vignette(
        "hana-pregnant-fever",
        "Hana, 29, 22 weeks pregnant, back pain with a fever",
        person(age=29, pregnant=True, pregnancy_weeks=22, symptoms=("fever",)),
        U,
        "kidney infection",
    ),
    # ---- soon: each item of docs/clinical-basis.md
    Vignette(
        "david-cancer-pain-7",
        "David, 65, lymphoma in the past, lifted a suitcase, pain 7 (near miss for 8)",
        person(age=65, now=7, worst=8, conditions=("cancer_history",)),
        S,
        "You have had cancer, so",
    ),
    Vignette(
        "pat-weight-loss",
        "Pat, 57, back ache and has lost weight without trying",
        person(age=57, symptoms=("weight_loss_unexplained",)),
        S,
        "lost weight",
    ),
    Vignette(
        "jon-worse-each-day",
        "Jon, 42, strained his back 5 days ago and it gets worse each day",
        person(age=42, started_days_ago=5, symptoms=("worse_each_day",)),
        S,
        "worse each day",
    ),
    Vignette(
        "irene-first-61",
        "Irene, 61, first back pain of her life after moving boxes",
        person(age=61, before="first_time"),
        S,
        "first ever back pain",
    ),
    Vignette(
        "mo-osteoporosis-sitting",
        "Mo, 67, osteoporosis, back ache after a long drive",
        person(age=67, trigger="sitting", conditions=("osteoporosis",)),
        S,
        "easier to break",
    ),
    Vignette(
        "lena-steroids-sport",
        "Lena, 39, long-term steroid tablets, sore back after tennis",
        person(age=39, trigger="sport", medicines=("steroid_tablets",)),
        S,
        "easier to break",
    ),
    Vignette(
        "harold-bending-71",
        "Harold, 71, bent to tie his shoe",
        person(age=71, trigger="bending"),
        S,
        "Over 70",
    ),
    Vignette(
        "ruth-twisting-80",
        "Ruth, 80, twisted reaching into the back seat",
        person(age=80, trigger="twisting"),
        S,
        "Over 70",
    ),
    Vignette(
        "ken-lifting-75",
        "Ken, 75, lifted a bag of compost",
        person(age=75, trigger="lifting"),
        S,
        "Over 70",
    ),
    Vignette(
        "zoe-mid-back-no-cause",
        "Zoe, 32, mid-back pain, no idea why",
        person(age=32, where="middle", trigger="none_known"),
        S,
        "no clear reason",
    ),
    Vignette(
        "yara-mid-back-50",
        "Yara, 50, mid-back pain for no known reason (near miss for over 50)",
        person(age=50, where="middle", trigger="none_known"),
        S,
        "no clear reason",
    ),
    Vignette(
        "will-day-7-pain-8",
        "Will, 46, a week after a lift, pain still 8",
        person(age=46, started_days_ago=7, now=8, worst=9),
        S,
        "still very strong",
    ),
    Vignette(
        "eva-day-10-interferes-8",
        "Eva, 37, 10 days in, pain 5 but she cannot do daily tasks (8 out of 10)",
        person(age=37, started_days_ago=10, now=5, interferes=8),
        S,
        "everyday things",
    ),
    # ---- routine: each item of docs/clinical-basis.md
    Vignette(
        "nora-day-14-pain-4",
        "Nora, 44, two weeks on and still 4 out of 10",
        person(age=44, started_days_ago=14, now=4),
        R,
        "lasted about 2 weeks",
    ),
    Vignette(
        "ivan-day-42",
        "Ivan, 48, six weeks of low back ache, pain 2",
        person(age=48, started_days_ago=42, now=2),
        R,
        "6 weeks or more",
    ),
    Vignette(
        "sofia-often",
        "Sofia, 36, her back goes every few months",
        person(age=36, before="often"),
        R,
        "often",
    ),
    Vignette(
        "greg-sciatica",
        "Greg, 43, pain down one leg to the calf",
        person(age=43, leg="below_knee"),
        R,
        "sciatica",
    ),
    Vignette(
        "fatima-immune-day-60",
        "Fatima, 52, on immune-lowering tablets, back pain for 60 days (not new)",
        person(age=52, started_days_ago=60, now=3, conditions=("immune_weakened",)),
        R,
        "6 weeks or more",
    ),
    Vignette(
        "ines-immune-day-42",
        "Ines, 49, kidney transplant, back pain for 42 days (no longer new)",
        person(age=49, started_days_ago=42, now=3, conditions=("immune_weakened",)),
        R,
        "6 weeks or more",
    ),
    Vignette(
        "paul-chronic-120",
        "Paul, 35, back pain for four months, pain 5",
        person(age=35, started_days_ago=120, now=5),
        R,
        "6 weeks or more",
    ),
    # ---- near misses that must not escalate
    Vignette(
        "mary-fall-70",
        "Mary, 70, tripped on a rug, no osteoporosis (age 70 is not over 70)",
        person(age=70, trigger="minor_fall"),
        C,
        "",
    ),
    Vignette(
        "kevin-fall-40",
        "Kevin, 40, slipped on ice, no osteoporosis, no steroids",
        person(age=40, trigger="minor_fall"),
        C,
        "",
    ),
    Vignette(
        "harold-bending-70",
        "Harold, 70, bent to tie his shoe (age 70 is not over 70)",
        person(age=70, trigger="bending"),
        C,
        "",
    ),
    Vignette(
        "irene-first-60",
        "Irene, 60, first back pain of her life (60 is not over 60)",
        person(age=60, before="first_time"),
        C,
        "",
    ),
    Vignette(
        "alan-66-not-first",
        "Alan, 66, has had back pain before now and then",
        person(age=66, before="sometimes"),
        C,
        "",
    ),
    Vignette(
        "will-day-6-pain-8",
        "Will, 46, six days after a lift, pain 8 (not yet a week)",
        person(age=46, started_days_ago=6, now=8, worst=9, interferes=8),
        C,
        "",
    ),
    Vignette(
        "nora-day-13-pain-4",
        "Nora, 44, 13 days on and 4 out of 10 (not yet 2 weeks)",
        person(age=44, started_days_ago=13, now=4),
        C,
        "",
    ),
    Vignette(
        "nora-day-14-pain-3",
        "Nora, 44, two weeks on and 3 out of 10 (getting better)",
        person(age=44, started_days_ago=14, now=3),
        C,
        "",
    ),
    Vignette(
        "ivan-day-41",
        "Ivan, 48, 41 days of ache, pain 2 (not yet 6 weeks)",
        person(age=48, started_days_ago=41, now=2),
        C,
        "",
    ),
    Vignette(
        "lucy-day-20-pain-2",
        "Lucy, 31, day 20, pain down to 2: getting better",
        person(age=31, started_days_ago=20, now=2, worst=3, interferes=2),
        C,
        "",
    ),
    Vignette(
        "amy-pregnant-leaking",
        "Amy, 33, 28 weeks pregnant, leaks a little urine when she coughs: pregnancy leaking is "
        "not a bladder change, so nothing is ticked",
        person(age=33, pregnant=True, pregnancy_weeks=28, trigger="none_known"),
        C,
        "",
    ),
    Vignette(
        "victor-diabetic-feet",
        "Victor, 64, numb feet from diabetes for years (not new numbness in both legs)",
        person(age=64, conditions=("diabetes", "numb_skin_or_neuropathy")),
        C,
        "",
    ),
    Vignette(
        "june-thigh-only",
        "June, 50, ache into one thigh, not below the knee",
        person(age=50, leg="buttock_or_thigh"),
        C,
        "",
    ),
    Vignette(
        "omar-lower-no-cause-55",
        "Omar, 55, lower back pain for no known reason (only mid or upper back counts)",
        person(age=55, where="lower", trigger="none_known"),
        C,
        "",
    ),
    Vignette(
        "ella-pain-blood-pressure",
        "Ella, 58, blood pressure tablets and a blood thinner, bent over the sink",
        person(
            age=58,
            trigger="bending",
            conditions=("high_blood_pressure",),
            medicines=("blood_thinner", "ace_arb_or_diuretic"),
        ),
        C,
        "",
    ),
    # ---- issue 12: the combinations a physiotherapist checked, with what the plan holds
    # pregnancy by week
    Vignette(
        "preg-10-fever",
        "Rosa, 29, 10 weeks pregnant, back pain with a fever",
        person(
            age=29, pregnant=True, pregnancy_weeks=10, trigger="none_known", symptoms=("fever",)
        ),
        U,
        "fever",
        shown=("paracetamol", "keep-moving"),
        withheld=(*KIDNEY_OUT, "nsaid-oral", "nsaid-topical", "muscle-relaxant"),
    ),
    Vignette(
        "preg-24-burning",
        "Kemi, 27, 24 weeks pregnant, burning when she passes urine",
        person(
            age=27,
            pregnant=True,
            pregnancy_weeks=24,
            trigger="none_known",
            symptoms=("urinary_burning_or_frequency",),
        ),
        U,
        "burns when you pass urine",
        shown=("paracetamol",),
        withheld=(*KIDNEY_OUT, "nsaid-oral", "nsaid-topical", "muscle-relaxant"),
    ),
    Vignette(
        "preg-34-blood-in-urine",
        "Lena, 35, 34 weeks pregnant, blood in her urine and pain in her side",
        person(
            age=35,
            pregnant=True,
            pregnancy_weeks=34,
            trigger="none_known",
            symptoms=("blood_in_urine",),
        ),
        U,
        "blood in your urine",
        shown=("paracetamol",),
        withheld=(*KIDNEY_OUT, "nsaid-oral", "nsaid-topical", "muscle-relaxant"),
    ),
    Vignette(
        "preg-16-lifting",
        "Sara, 30, 16 weeks pregnant, lifted her toddler 3 days ago, pain 4",
        person(age=30, pregnant=True, pregnancy_weeks=16, started_days_ago=3, now=4),
        C,
        "",
        shown=("heat", "paracetamol"),
        withheld=("nsaid-oral", "nsaid-topical", "muscle-relaxant"),
        hidden=("pain-relief-review",),
        phase="acute",
    ),
    Vignette(
        "preg-32-pain-8",
        "Mei, 33, 32 weeks pregnant, bent over the bath 2 days ago, pain 8",
        person(
            age=33,
            pregnant=True,
            pregnancy_weeks=32,
            trigger="bending",
            now=8,
            worst=9,
            interferes=7,
        ),
        C,
        "",
        shown=("pain-relief-review", "paracetamol"),
        withheld=("nsaid-oral", "nsaid-topical", "muscle-relaxant"),
        phase="acute",
    ),
    # fever with each other sign
    Vignette(
        "fever-and-burning",
        "Dana, 36, fever and burning when passing urine, pain 7 since yesterday",
        person(
            age=36,
            started_days_ago=1,
            now=7,
            trigger="none_known",
            symptoms=("fever", "urinary_burning_or_frequency"),
        ),
        U,
        "kidney infection",
        shown=("paracetamol", "keep-moving"),
        withheld=(*KIDNEY_OUT, "nsaid-oral"),
        hidden=("pain-relief-review",),
        phase=None,
    ),
    Vignette(
        "fever-and-blood-in-urine",
        "Ahmed, 44, fever and blood in his urine, pain in his side",
        person(age=44, trigger="none_known", symptoms=("fever", "blood_in_urine")),
        U,
        "blood in your urine",
        shown=("paracetamol",),
        withheld=(*KIDNEY_OUT, "nsaid-oral"),
    ),
    Vignette(
        "fever-and-vomiting-liver",
        "Colm, 52, liver disease, fever and being sick: no paracetamol without a doctor",
        person(
            age=52,
            trigger="none_known",
            conditions=("liver_disease",),
            symptoms=("fever", "vomiting"),
        ),
        U,
        "being sick",
        withheld=(*KIDNEY_OUT, "nsaid-oral", "paracetamol", "muscle-relaxant"),
        hidden=("nsaid-topical",),
    ),
    Vignette(
        "fever-and-night-pain",
        "Iris, 61, fever, and pain worse at night that no position eases",
        person(age=61, symptoms=("fever", "night_pain_unrelieved")),
        U,
        "worse at night",
        shown=("paracetamol",),
        withheld=(*KIDNEY_OUT, "nsaid-oral"),
    ),
    Vignette(
        "fever-and-weight-loss",
        "Paul, 58, fever, and has lost weight without trying",
        person(age=58, symptoms=("fever", "weight_loss_unexplained")),
        U,
        "fever",
        withheld=(*KIDNEY_OUT, "nsaid-oral"),
    ),
    Vignette(
        "fever-and-worse-each-day",
        "Nina, 47, fever, and the pain is worse every day",
        person(age=47, symptoms=("fever", "worse_each_day")),
        U,
        "getting worse each day",
        withheld=(*KIDNEY_OUT, "nsaid-oral"),
    ),
    Vignette(
        "fever-and-saddle-numbness",
        "Joe, 50, fever and new numbness around his bottom: the emergency wins",
        person(age=50, symptoms=("fever", "saddle_numbness")),
        E,
        "cauda equina",
        hidden=("heat", "paracetamol", "nsaid-oral"),
        phase=None,
    ),
    # pain 7 or more with each kind of anti-inflammatory rule-out
    Vignette(
        "thinner-warehouse-pain-8",
        "Kofi, 45, warehouse worker on a blood thinner, lifted a crate yesterday, pain 8",
        person(
            age=45,
            activity="heavy_manual",
            started_days_ago=1,
            now=8,
            worst=9,
            medicines=("blood_thinner",),
        ),
        C,
        "",
        shown=("pain-relief-review", "paracetamol", "nsaid-topical"),
        withheld=("nsaid-oral",),
        phase="acute",
    ),
    Vignette(
        "ulcer-asthma-pain-7",
        "Grace, 39, asthma and an old stomach ulcer, twisted 2 days ago, pain 7",
        person(
            age=39,
            trigger="twisting",
            now=7,
            conditions=("asthma", "stomach_ulcer_or_bleed"),
        ),
        C,
        "",
        shown=("pain-relief-review", "paracetamol", "nsaid-topical"),
        withheld=("nsaid-oral",),
    ),
    Vignette(
        "kidney-heart-failure-68-pain-7",
        "Walter, 68, kidney disease and heart failure, bent to the dishwasher, pain 7",
        person(
            age=68,
            trigger="bending",
            now=7,
            conditions=("kidney_disease", "heart_failure"),
        ),
        C,
        "",
        shown=("pain-relief-review", "paracetamol"),
        withheld=("nsaid-oral", "muscle-relaxant"),
    ),
    Vignette(
        "age-76-lifting-pain-9",
        "Edna, 76, lifted a bag of compost yesterday, pain 9",
        person(age=76, started_days_ago=1, now=9, worst=9, interferes=8),
        S,
        "over 70",
        shown=("pain-relief-review", "paracetamol"),
        withheld=("nsaid-oral", "muscle-relaxant"),
        phase="acute",
    ),
    Vignette(
        "other-nsaid-day-20-pain-7",
        "Raj, 42, already takes naproxen, 20 days on and still 7 out of 10",
        person(age=42, started_days_ago=20, now=7, medicines=("other_nsaid",)),
        R,
        "4 or more out of 10",
        shown=("pain-relief-review",),
        withheld=("nsaid-oral", "nsaid-topical"),
        phase="settling",
    ),
    Vignette(
        "thinner-pain-6",
        "Ella, 50, on a blood thinner, pain 6: below the line for a pain-relief review",
        person(age=50, now=6, medicines=("blood_thinner",)),
        C,
        "",
        withheld=("nsaid-oral",),
        hidden=("pain-relief-review",),
    ),
    Vignette(
        "lifter-19-pain-8",
        "Jake, 19, hurt his back deadlifting this morning, pain 8: tablets are fine for him",
        person(age=19, trigger="sport", started_days_ago=0, now=8, worst=8, before="first_time"),
        C,
        "",
        shown=("nsaid-oral", "paracetamol"),
        hidden=("pain-relief-review",),
        phase="acute",
    ),
    Vignette(
        "thinner-osteoporosis-70-fall",
        "Bill, 70, osteoporosis and a blood thinner, slipped on the stairs: urgent, and still "
        "told which tablets are not for him",
        person(
            age=70,
            trigger="minor_fall",
            conditions=("osteoporosis",),
            medicines=("blood_thinner",),
        ),
        U,
        "small fall",
        withheld=("nsaid-oral", "muscle-relaxant"),
        shown=("heat",),
        hidden=("paracetamol", "pain-relief-review"),
    ),
    # each stage by days and pain
    Vignette(
        "stage-day-0-pain-7",
        "Tia, 26, spasm this morning, pain 7",
        person(age=26, started_days_ago=0, now=7, worst=8),
        C,
        "",
        shown=("heat", "nsaid-oral"),
        phase="acute",
    ),
    Vignette(
        "stage-day-5-pain-5",
        "Sam, 41, day 5, pain 5",
        person(age=41, started_days_ago=5, now=5),
        C,
        "",
        phase="settling",
    ),
    Vignette(
        "stage-day-10-pain-3",
        "Ana, 37, day 10, pain down to 3",
        person(age=37, started_days_ago=10, now=3, worst=5, interferes=3),
        C,
        "",
        phase="strengthening",
    ),
    Vignette(
        "stage-day-18-pain-2",
        "Luis, 33, day 18, pain 2",
        person(age=33, started_days_ago=18, now=2, worst=3, interferes=2),
        C,
        "",
        phase="strengthening",
    ),
    Vignette(
        "stage-10-weeks-pain-5",
        "Olga, 49, 10 weeks of pain, still 5 out of 10",
        person(age=49, started_days_ago=70, now=5),
        R,
        "6 weeks or more",
        phase="strengthening",
    ),
    Vignette(
        "stage-soon-caps-strengthening",
        "Ken, 52, day 20, pain 5 but worse each day: settling until seen",
        person(age=52, started_days_ago=20, now=5, symptoms=("worse_each_day",)),
        S,
        "worse each day",
        phase="settling",
    ),
    # upper and middle back by stage
    Vignette(
        "upper-drive-day-1",
        "Femi, 38, upper back pain after a long drive yesterday",
        person(age=38, where="upper", trigger="sitting", started_days_ago=1, now=5),
        C,
        "",
        phase="acute",
    ),
    Vignette(
        "upper-desk-day-20-pain-3",
        "Hana, 29, upper back ache at her desk for 20 days, pain 3",
        person(age=29, where="upper", trigger="sitting", started_days_ago=20, now=3),
        C,
        "",
        phase="strengthening",
    ),
    Vignette(
        "middle-no-cause-45",
        "Ivo, 45, middle back pain for no clear reason, day 6",
        person(age=45, where="middle", trigger="none_known", started_days_ago=6, now=5),
        S,
        "middle or upper back",
        phase="settling",
    ),
    Vignette(
        "upper-no-cause-55",
        "Ruth, 55, upper back pain for no clear reason",
        person(age=55, where="upper", trigger="none_known"),
        U,
        "over 50",
        phase=None,
    ),
)
