"""The words that open the other side of a comparison, in one place for every reader of them.

"compared with 131", "down from some 14,000", "well above the 8,000", "fewer than the 11,000
who ...": what follows such words is the other side, with its own year. Three readers need
them: ``timeref`` (a year after them dates the other side, measured from the year),
``resolve.years`` (a figure after them is the base, measured from the figure) and
``resolve.match`` (a clause opening with them is counted by the clause it compares with).
A bare "than 9,000" is a hedge ("more than"), not a comparison: only "than the" opens one.

>>> bool(OPENS_BEFORE_RE.search("generated 1,650 GWh in 2022, against "))  # the text cut right before "1,470 GWh"
True
>>> bool(OPENS_BEFORE_RE.search("reached 48.6 last year, after falling to just ")), bool(OPENS_BEFORE_RE.search("after falling to "))
(True, False)
>>> bool(OPENS_BEFORE_RE.search("was 22.9% last year, down from a pandemic high of "))
True
>>> bool(MARK_RE.search("children vaccinated against measles")), bool(MARK_RE.search("32%, against 28% a year earlier"))
(False, True)
"""

from __future__ import annotations

import re

# verbs of change whose "from" opens the base: "down from", "fell from", "grew from"
_CHANGE_FROM = r"(?:down|up|fell|rose|dropped|climbed|increased|decreased|declined|shrank|grew|changed|unchanged|steady)\s+from"
# "from" after a comma, before a number, a hedge or "a year earlier": the base of the change just stated
# (", from just over three tonnes a year earlier"), also after a participle of any verb (", rebounding
# from 40 in 2019"); "..., from January" opens no base
_BASE_AHEAD = r"(?=\s+(?:[\d$£€¥]|a\s|an\s|one|two|three|four|five|six|seven|eight|nine|ten|about|around|some|roughly|nearly|almost|just|only|over|under|more|less))"
_COMMA_FROM = r"(?<=,\s)(?:[a-z]+ing\s+)?from" + _BASE_AHEAD
# a move at another time told after a comma: ", after falling to just 1.1 in 2021", ", having climbed to 52 in 2019"
_COMMA_MOVED = r"(?<=,\s)(?:after|before|having)\s+[a-z]+(?:ing|ed|en)\s+(?:to|from)" + _BASE_AHEAD
# a change "on" its base period: "up 3% on 2021", "down slightly on last year", "up by more than a third on
# 2020" (a few words of amount and hedge between); "up on the day" is no base
_CHANGE_ON = (r"(?:up|down)\s+(?:by\s+)?(?:[\w.,%-]+\s+){0,5}?on"
              r"(?=\s*$|\s+(?:\d{4}\b|last\s+year|a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|same|prior)\s+(?:year|period|month|quarter)))")
# a comparative before "than the" / "the": "fewer than the", "well above the"
_DEGREE = r"(?:well\s+|far\s+|just\s+)?"
_COMPARATIVE = r"(?:fewer|less|more|higher|lower|larger|smaller|bigger)\s+than"

# "against" opens the other side only before a figure ("32%, against 28% a year earlier"); before a
# noun it is a preposition ("vaccinated against measles", "a vote against the bill")
# (a text that ends right after "against" is cut before a figure: "…, against " then "1,470 GWh")
_AGAINST = r"(?:as\s+)?against(?=\s+(?:the\s+|a\s+)?(?:$|[\d$£€¥]|(?:about|around|some|roughly|nearly|almost|just|only|over|under)\s+(?:$|[\d$£€¥])|(?:more|less|fewer)\s+than\s+(?:$|[\d$£€¥])))"

# The phrase that opens the other side (no anchors: callers add their own).
OTHER_SIDE = rf"""(?:compared\s+(?:with|to)|{_AGAINST}|versus|vs\.?
    |{_CHANGE_FROM}|{_COMMA_FROM}|{_COMMA_MOVED}|{_CHANGE_ON}
    |{_DEGREE}(?:{_COMPARATIVE}|above|below)\s+the
    |{_DEGREE}short\s+of(?:\s+the\b|(?=\s*$|\s+[\d$£€¥]))
    |than\s+the)"""

# The other side opened earlier in the same clause (a number's own comma or point is no break).
OPENED_IN_CLAUSE_RE = re.compile(rf"(?i:\b{OTHER_SIDE}\b(?:[^,;.:]|(?<=\d)[,.](?=\d))*$)", re.VERBOSE)

# The other side opened right before a figure, a hedge outside its surface allowed: "down from about".
# ... a value's noun may stand between: "down from a pandemic high of 28.3%", "up from the 2019 total of 8,100"
_VALUE_OF = r"(?:\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}(?:high|low|peak|record|level|total|figure|average)\s+of)"
OPENS_BEFORE_RE = re.compile(
    rf"(?i:\b{OTHER_SIDE}{_VALUE_OF}?(?:\s+(?:about|around|some|roughly|nearly|almost|just|only|more\s+than|over))?\s+$)",
    re.VERBOSE,
)

# The other side opened anywhere in a stretch: a year after it dates that side ("62 million, down from a
# record 83 million in 2021"), never a figure before it.
OTHER_SIDE_RE = re.compile(rf"(?i:\b{OTHER_SIDE})", re.VERBOSE)

# A clause that opens with the other side: ", up from 21 a year before".
OPENS_CLAUSE_RE = re.compile(rf"(?i:\s*{OTHER_SIDE}\b)", re.VERBOSE)

# A comparison anywhere later in a sentence, bare "above", "below", "the same as" and "than" before
# a noun phrase included; "than" before a number or "a dozen" is a hedge.
MARK_RE = re.compile(
    rf"""(?i:\b(?:{OTHER_SIDE}|above|below|the\s+same\s+as
      |than(?!\s+(?:\d|a\s+(?:dozen|hundred|thousand)\b)))\b)""",
    re.VERBOSE,
)

# A change said against a year, not a number: "12% below 2017", "5 points higher than 2015",
# "a third above 2010". The hedge-like word before the year opens the other side of the change,
# so the four digits after it are that side's year, not a quantity "below 2,019".
CHANGE_AGAINST_YEAR_RE = re.compile(
    r"(?i:(?:\d[\d.,]*\s*(?:%|per\s?cent|percent|percentage\s+points?|points?|pts?|pc)|\b(?:half|a\s+third|a\s+quarter|double|twice))"
    r"\s+(?:[a-z]+\s+)?(?:below|above|under|over|behind|ahead\s+of|up\s+on|down\s+on|(?:higher|lower|more|less|fewer|larger|smaller|bigger)\s+than)"
    r"\s+(?:(?:the|its|their)\s+)?(?:(?:pre-pandemic|pre-crisis|peak)\s+)?(?:levels?\s+(?:of|in)\s+)?$)"
)
