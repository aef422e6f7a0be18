"""Sentiment per brand: when one post names several brands, each gets the sentiment of its own clauses.

"switched from United to Delta, best decision ever": the post is split into clauses (sentences,
commas, colons, "but" / "while" / "whereas" / "though" / "however" / "on the other hand", and "and" between two
brands' clauses: "United was on time and Delta lost my bag"); each clause is scored
once (all clauses of all multi-brand posts in one batch); a clause without a brand belongs to the brand
mentioned last before it. Then the words around the names: a brand the author leaves ("switched
from United", "never flying United again", "deleted United", "left United for Delta", "Delta over
United") is negative and one chosen instead ("to Delta", "Delta from now on", "Delta instead of
United", "thinking about Delta") positive, however neutral the words, and the other way round when the switch is
regretted ("moved from United to Delta and regret it"); a brand set against the others ("better than United",
"unlike United", "United never has", "United would never", and "United not so much" after praise) gets their
opposite (and one ahead of it on speed, "Delta is faster than United", is a little positive), and one sharing
their verdict with no words of its own ("Delta is great, United too", "same for United", "ditto United") their
mean. The
reason for a switch ("switched to Delta because United kept delaying") is the brand left's, and so is a complaint in a
sentence after it in the past; one in the present is the brand chosen's (`_said_after`). Sarcasm ("great
job United, another 3 hour delay") counts against the brand of the event. Posts naming one brand keep their
score, but one picking its brand over a product left unnamed ("uninstalled. Crownfire it is") gives it the win of a
brand chosen (the farewell is the product left's). A brand is named by its terms and by its query's words
(`BrandLocator`), in the posts that name it."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Brand
from ..schema import LIST_SEPARATOR, STRING, check_enriched
from ..sources.markup import without_tags
from .brand_names import names_neutral
from .brands import BrandLocator
from .cx import _question, builtin_made
from .matching import fold, fold_series, kept
from .sentiment import Analyzer, get_analyzer, scored
from .text import asides_moved, unglued, without_code

#: where clauses split: spaces after a sentence end, a comma, semicolon or colon ("A vs B: B lost my bag", stop 35),
#: spaces before "but" and its kin, and spaces with a line break (stop 37: "<p>A lost my bag</p><p>B got me home</p>",
#: its block tags line breaks, gave B the lost bag), and spaces around "=" (stop 49: "A outage = great ad for B" is
#: "A outage" and what it means for B; one clause, the outage was B's, -0.49); and spaces after an emoji that marks
#: irony, which ends what it marks (stop 55: "A is great, crashes every 5 minutes 😉 B works fine" gave B the crashes)
CONTRASTS = r"(?:but|while|whereas|though|however|on\s+the\s+other\s+hand)\b"
CLAUSE_RULE = rf"(?<=[.!?;😉🙃🙄])\s+|\s*[,;:]\s+|\s+=+\s+|\s+(?={CONTRASTS})|\s*\n\s*"
# the same splits (a test checks), written to start with the character every split starts with, so
# that re skips to those instead of trying three branches at every character: half the time; the splits that start
# with a space in one group, whose look-behind is tried once
_AFTER_SPACE = rf"\s*[,;:]\s+|\s*=+\s+|\s*(?={CONTRASTS})|(?<=\n)\s*|[^\S\n]*\n\s*"
CLAUSE_SPLIT = re.compile(rf"[\s,;:](?:(?<=[.!?;😉🙃🙄]\s)\s*|(?<=\s)(?:{_AFTER_SPACE})|(?<=[,;:])\s+)", re.I)
#: the words that end a role's brand: in "ditched A for B" or "switched to A from B" A's words stop
#: before "for" / "from", so that B is not taken for a brand left or chosen along with A; and the reason
#: for a switch: "switched to A because B kept delaying" chooses A alone
_STOPS = r"(?:for|to|from|over|than|instead|unlike|vs|because|since|after)"
STOP_WORD = re.compile(rf"(?<!\S){_STOPS}(?!\S)", re.I)
#: (nor an "=" between spaces, where a clause ends: "Skyway = Delta from now on" chooses Delta alone)
_WORD = rf"(?!{_STOPS}\b)(?!=+(?!\S))[^\s,.;!?]+"
#: up to three words of one clause, the first any ("goodbye to A"), the others no STOP word: a role's brand
_NAMED = rf"([^\s,.;!?]+(?:\s+{_WORD}){{0,2}})"
#: "never going back to A", "won't be going back to A" choose nothing
_NOT = r"(?<!never\s)(?<!not\s)(?<!n't\s)(?<!never\sbe\s)(?<!not\sbe\s)(?<!n't\sbe\s)"
#: a time with a brand: "10 years", "over twenty years", "a few months" (`LEFT`, `SWITCH_REASON`)
_SPAN = (
    r"(?:(?:over|nearly|almost|about|like|more\s+than)\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|twelve|fifteen|twenty|thirty|many|several|a\s+few|so\s+many|too\s+many)\s+(?:\w+\s+)?"
    r"(?:years?|yrs?|months?|decades?|weeks?)"
)
#: `_NAMED` after "left": no number, article or review's word after its first ("left A a review after 10 years", "left
#: A 5 stars after 2 years" are no farewell to A), nor a thing of A's left or cancelled once (stop 46: "cancelled my A
#: flight after 2 weeks", "quit my A job after 10 years" were farewells to A, as "cancelled my A subscription" is)
_ONCE = (
    r"flights?|orders?|bookings?|tickets?|trips?|reservations?|appointments?|deliver(?:y|ies)|rides?|journeys?|"
    r"stays?|rooms?|seats?|jobs?|shifts?|positions?|roles?|bags?|luggage|suitcases?"
)
_LEFT_NAMED = (
    r"([^\s,.;!?]+(?:\s+(?!(?:a|an|\d\S*|stars?|reviews?|feedback|ratings?|comments?|notes?|tips?|messages?|"
    rf"{_ONCE})\b){_WORD}){{0,2}})"
)
#: `_LEFT_NAMED` said alone, a clause of its own after "left" (stop 48: "I left A.", "I'm leaving A for good"): not a
#: thing, a place or a time ("left it on A.", "left the A lounge.", "left A early.", "just left A Stadium.", "left A
#: alone."; `_BARE_NOT`)
_BARE_NOT = (
    r"it|them|him|her|me|us|you|my|our|your|his|their|the|this|that|on|at|in|with|by|behind|from|for|to|of|until|till|"
    r"home|work|early|late|alone|"
    r"lounges?|apps?|website|site|counter|desk|gate|terminal|planes?|office|store|shop|stores|shops|hq|event|party|"
    r"airport|stadium|arena|hotel|station|towers?|park|centre|center|mall|hall|campus|building"
)
_BARE_NAMED = (
    rf"(?!(?:{_BARE_NOT})\b)([^\s,.;!?]+(?:\s+(?!(?:a|an|\d\S*|stars?|reviews?|feedback|ratings?|comments?|notes?|"
    rf"tips?|messages?|early|late|{_ONCE}|{_BARE_NOT})\b){_WORD}){{0,2}})"
    r"(?:\s+(?:for\s+good|forever|for\s+ever|today|now|already))?"
    r"(?=[^\S\n]*(?:[,.;:!?\n]|$))"
)
#: who says the farewell alone, before its verb: the post's start, "I", "we", "just", "finally" ("tickets left
#: Skyway!", "flight cancelled again." say none; and RE2's cue skips them, 1,150 posts of a 100,000 more read)
_LEAVER = (
    r"(?:^\W*|\b(?:i|we|i['’]?ve|we['’]?ve|i['’]?m|we['’]?re|am|are|have|has|just|finally|officially|already|"
    r"now|today)\s+)"
)
#: what a customer cancels or closes with the brand: "cancelled my A subscription", "closed my A account", "cancelled
#: my membership with A" (stop 48: a complaint only when its words scored negative)
_KEPT = r"subscriptions?|subs?|memberships?|accounts?|plans?|contracts?|policy|policies|cards?|direct\s+debits?"
#: a brand the author leaves: "switched from A to", "never flying A again", "deleted A", "never again A"; stop 45: "good
#: riddance A" ("switched to B, good riddance A" was praise of both), "left A after 10 years" (A was 0; not "left A a
#: review", "left my bag on A", with no time with it); stop 46: the time first, "after 10 years with A, I left" (was 0)
LEFT = re.compile(
    r"\b(?:switch\w*|mov(?:ed|ing)|chang(?:ed|ing)|went|go)\s+from\s+(.{1,60}?)\s+to\s"
    r"|\bnever\s+(?:fly\w*|flew|order\w*|us(?:e|ed|ing)|buy\w*|book\w*|shop\w*|eat\w*|stay\w*|go\w*)"
    r"\s+(?:(?:with|from|at|on|back\s+to)\s+)?(.{1,60}?)\s+again\b"
    rf"|\b(?:deleted|deleting|uninstalled|uninstalling|ditched|ditching|dumped|done\s+with|goodbye|bye)\s+{_NAMED}"
    rf"|\bnever\s+again\s+{_NAMED}|\bnever\s+(?:going|go|coming|come)\s+back\s+to\s+{_NAMED}"
    rf"|\bgood\s+riddance\s+(?:to\s+)?{_NAMED}"
    rf"|\b(?:left|leaving|quit(?:ting)?|cancel(?:l?ed|l?ing))\s+{_LEFT_NAMED}\s+after\s+{_SPAN}\b"
    rf"|\bafter\s+{_SPAN}\s+(?:with|on|of|using)\s+{_NAMED}\s*[,;:]?\s+(?:i|we)(?:['’](?:ve|m|re)|\s+(?:have|am|are))?"
    r"\s+(?:finally\s+|just\s+|now\s+)?(?:left|leaving|quit|quitting|cancel(?:l?ed|l?ing)|ditched|dumped|switched|done)\b"
    r"(?!\s+(?:the|my|our|a|an|his|her|its|their|work|home|early|seats|planes|gates)\b)"
    # (stop 47: nor a plan of theirs, "after 2 years with A, I switched to their premium plan", which stays with A)
    r"(?!\s+(?:over\s+)?to\s+(?:(?:their|its|the|a|an)\s+(?:\w+\s+){0,2}(?:plans?|tiers?|packages?|subscriptions?|"
    r"memberships?|cards?|accounts?|fares?|versions?|options?|bundles?)\b))",
    re.I,
)
#: the words `LEFT` needs (searched first, in RE2 over the whole batch): of a switch, "from" after its verb, and of
#: leaving, "after" beside it (stop 47: "from", "left" or "cancel" alone marked 13,228 of the 77,313 posts naming one
#: brand of a 100,000, 5,531 now, for the same 3,617 that `LEFT` matches)
LEFT_CUE = (
    r"\b(?:(?:switch|mov|chang|went|go)\w*\s+from\s|never\s|delet|uninstall|ditch|dump|done\s+with|goodbye|bye|"
    r"riddance|(?:left|leav|quit|cancel)\w*\s(?s:.*)\bafter\s|after\s(?s:.*)\b(?:left|leav|quit|cancel|ditch|dump|"
    r"switched|done))"
)
#: a farewell said alone (stop 48: "I left A.", "I'm out, A", "cancelled my A subscription" had no intent, as their
#: words score 0), apart from `LEFT` (in it, Python's re tried its alternatives at every character: 0.2 s of CPU a
#: 100,000 posts more), with its own cue
ALONE = re.compile(
    # (stop 48: "I left A.", "I'm out, A", "cancelled my A subscription" had no intent, as their words score 0)
    rf"{_LEAVER}(?:left|leaving|quit(?:ting)?|cancel(?:l?ed|l?ing))\s+{_BARE_NAMED}"
    rf"|\bi['’]?m\s+(?:out|done)[^\S\n]*[,.!:;–—-]+\s*{_BARE_NAMED}"
    rf"|\b(?:cancel(?:l?ed|l?ing)|clos(?:ed|ing))\s+(?:my|our)\s+{_NAMED}\s+(?:{_KEPT})\b"
    rf"|\b(?:cancel(?:l?ed|l?ing)|clos(?:ed|ing))\s+(?:my|our)\s+(?:\w+\s+)?(?:{_KEPT})\s+(?:with|to|at|on|for)\s+{_NAMED}",
    re.I,
)
ALONE_CUE = (
    rf"i['’]?m\s+(?:out|done)\b|(?:cancel|clos)\w*\s+(?:my|our)\s+(?:[^\s,.;!?]+\s+){{0,3}}(?:{_KEPT})\b"
    rf"|{_LEAVER}(?:left|leaving|quit|quitting|cancel\w*)\s+[^\s,.;!?]+(?:\s+[^\s,.;!?]+){{0,2}}"
    r"(?:\s+(?:for\s+good|forever|for\s+ever|today|now|already))?[^\S\n]*(?:[,.;:!?\n]|$)"
)
#: a brand the author goes to instead: "switched from A to B", "switching to B", "B from now on"; in "from A
#: to B" (group 1 A, group 2 B) A must name a brand: "flew from Boston to Denver on Skyway" chooses nothing; and one
#: weighed as the next (stop 50: "fed up with A, thinking about B", "considering B" left B 0, unlike "switching to B")
#: a brand weighed, not a fact weighed: not "considering A's record, ...", "considering A lost my bag, ..."
_WEIGHED = (
    r"(?!\s+[^\s,.;!?]+['\u2019]s\b)(?!\s+[^\s,.;!?]+\s+(?:is|was|are|were|has|had|have|did|does|didn['\u2019]?t|"
    r"doesn['\u2019]?t|lost|cancel\w*|delayed|charged|kept|made|left|refused|still)\b)"
)
CHOSEN = re.compile(
    rf"\bfrom\s+(.{{1,60}}?)\s+to\s+{_NAMED}"
    rf"|\b{_NOT}(?:switch\w*\s+to|mov(?:ed|ing)\s+to|sticking\s+with|stick\s+with|stay(?:ing)?\s+with|"
    rf"renew(?:ing|ed)?\s+with|"
    rf"(?:go|going|went|gone|came|coming)\s+back\s+to|hello|(?:thinking\s+(?:about|of)|considering)"
    rf"(?:\s+(?:trying|using|flying|going\s+with))?{_WEIGHED})\s+{_NAMED}",
    re.I,
)
#: a yes/no question: its clause starts with an auxiliary ("is A better than B?", "should I pick A or B?")
YES_NO = re.compile(
    r"\W*(?:(?:so|ok|okay|honest\s+question|quick\s+question)\W+)?(?:is|are|was|were|does|do|did|should|would|will|can|"
    r"could|has|have|isn['\u2019]?t|aren['\u2019]?t|doesn['\u2019]?t|didn['\u2019]?t|wasn['\u2019]?t)\b",
    re.I,
)
#: a question answered by a pick after it, in a post naming one brand: "which app? B it is"
ANSWERED = re.compile(r"\?[^?]*\bit(?:\s+is|['\u2019]s)\b", re.I)
#: "hello B" chooses B after a farewell only ("goodbye A, hello B", "deleted the app, hello B"); alone it greets (stop
#: 54: "Morning all. hello B, flying to Boston today" was a pick, +0.50)
BYE = re.compile(
    r"\b(?:good\s*bye|bye|farewell|so\s+long|adios|riddance|delet\w*|uninstall\w*|ditch\w*|dump\w*|cancel\w*|quit\w*|"
    r"left|leaving|switch\w*|never\s+again|done\s+with)\b",
    re.I,
)
#: a brand the author will go to next time (stop 39): "flying B next time", "ordering from B next time", "I'll book B
#: next time" (B was 0: a plan, no verdict of its own, as "switching to B"); not "not flying B next time", "never
#: booking B next time"
NEXT_TIME = re.compile(
    rf"\b{_NOT}(?:fly(?:ing)?|book(?:ing)?|order(?:ing)?|us(?:e|ing)|try(?:ing)?|go(?:ing)?\s+with|stick(?:ing)?\s+"
    rf"with)\s+(?:(?:with|from|on|at)\s+)?{_NAMED}\s+next\s+time\b",
    re.I,
)
#: one brand left for another, both named: "left A for B", "ditched A for B" (group 1 left, 2 chosen)
LEFT_FOR = re.compile(
    rf"\b(?:left|leaving|leave|ditch\w*|dump\w*|dropp(?:ed|ing)|swapp(?:ed|ing)|trad(?:ed|ing)|quit(?:ting)?)"
    rf"\s+{_NAMED}\s+for\s+{_NAMED}",
    re.I,
)
#: the same the other way round: "switched to B from A" (group 1 chosen, 2 left)
TO_FROM = re.compile(
    rf"\b{_NOT}(?:switch\w*|mov(?:ed|ing)|chang(?:ed|ing)|went|go(?:ing)?)\s+(?:back\s+)?to\s+{_NAMED}\s+from\s+{_NAMED}",
    re.I,
)
#: the brand left named in the reason for a switch: "switched to B after A hiked my premium", "moved to B because A
#: kept delaying" (group 1 chosen, 2 left; A was 0 when the reason's words carry no sentiment, and the post a complaint
#: queued for B); and the time the author was with A: "switched to B after 10 years with A", "after 3 months on A"
#: (A was 0 until stop 44: its name was the fourth word after "after", and a role names a brand in three)
_WITH_FOR = rf"{_SPAN}\s+(?:with|at|on|of|using)\s+"
#: and a brand tried instead (stop 49): "tried B because A was down" (B was -0.33, A's outage)
#: and a return (stop 56): "went back to B after a year on A" (A was 0, its year a plain clause)
SWITCH_REASON = re.compile(
    rf"\b{_NOT}(?:(?:switch\w*|mov(?:ed|ing)|chang(?:ed|ing)|went|go(?:ing)?)\s+(?:over\s+|back\s+)?to|(?:tried|trying)(?!\s+to\b))\s+{_NAMED}"
    rf"\s+(?:after|because|since|as|when|cause|cos)\s+(?:of\s+|{_WITH_FOR})?{_NAMED}",
    re.I,
)
#: a switch written as an arrow: "A → B", "A -> B", "A => B", "A ➡️ B" (group 1 left, 2 chosen; both were scored alike)
ARROW = re.compile(rf"{_NAMED}\s*(?:→|⟶|➡\ufe0f?|-+>|=>)\s*{_NAMED}")
#: a switch regretted: "regret it", "big mistake", "should have stayed" (not "don't regret it", "no regrets", "regret
#: it? not at all", "biggest mistake was not doing it sooner", "A's biggest mistake", "should have stayed home")
REGRETTED = re.compile(
    r"(?<!n't\s)(?<!n\u2019t\s)(?<!\bnt\s)(?<!\bnot\s)(?<!\bnever\s)\bregret(?:s|ted|ting)?\s+(?:it|this|that|the\s+"
    r"(?:switch|move|change)|switching|moving|leaving|everything)\b(?!\W*(?:not|no|nope|never|nah)\b)"
    r"|(?<!['\u2019]s\s)\b(?:big(?:gest)?|huge|massive)\s+mistake\b(?!\s+(?:was|is)\s+(?:not|waiting|to\s+wait|putting))"
    r"|\bworst\s+decision\b|\bshould\s+(?:have|['\u2019]?ve)\s+stayed\b(?!\s+(?:home|in|at|up|over|overnight|longer)\b)",
    re.I,
)
#: a clause of farewell naming no brand: in a switch the brand left's, wherever it stands ("from A to B, never again"),
#: and after a comparison the brand set against (stop 50: "A is so much better than B, never flying them again")
FAREWELL = re.compile(
    r"\W*(?:and\s+|so\s+)?(?:never\s+again|never\s+going\s+back|not\s+going\s+back|good\s+riddance|"
    r"won['’]?t\s+be\s+back|done\s+with\s+(?:them|you|it)(?:\s+for\s+good)?|(?:i['’]?(?:m|ll)\s+|i\s+will\s+)?"
    r"never\s+(?:fly\w*|flew|order\w*|us(?:e|ed|ing)|buy\w*|book\w*|shop\w*|eat\w*|stay\w*|go\w*)\s+"
    r"(?:(?:with|from|at|on|back\s+to)\s+)?(?:them|it|you|those\s+\w+|that\s+\w+)\s+again)\W*",
    re.I,
)
#: a brand set against the others: "better than B", "A lost my bag, B never has", "B would never" ("unlike B":
#: `UNLIKE`); "no better than B" says they are alike; and "not as good as B", "nowhere near as fast as B" (stop 50: B
#: had the other brand's words, "A is nowhere near as good as B" was B's complaint)
FOIL = re.compile(
    rf"(?:\b(?<!no\sbetter\s)(?<!no\sworse\s)than|(?:\bnot|\bnowhere\s+near|n['\u2019]t|\bnothing\s+like)"
    rf"\s+(?:(?:quite|nearly|even|half)\s+)?as\s+\w+\s+as)\s+{_NAMED}",
    re.I,
)
#: "not like B" starting its clause is "unlike B" (stop 52: "SeatHero paid out next day, not like Gigstub" left Gigstub
#: 0, "A was on time, not like B" too); not a dislike ("I do not like B": a word before it) nor "not like B would care"
NOT_LIKE = re.compile(
    r"(?:^|(?<=[,;:.!?\n\u2013\u2014-]))[^\S\n]*not\s+like\s+"
    rf"(?!{_WORD}\s+(?:would|will|is|was|are|were|has|had|does|did|do|can|could|cares?|even|ever)\b){_NAMED}",
    re.I,
)
#: and "unlike B" wherever it stands (stop 54: "unlike B, A paid out" was 0 / 0, set against A's neutral words)
UNLIKE = re.compile(rf"\bunlike\s+{_NAMED}", re.I)
# Patterns without a group name their brand in the (up to three) words of the clause before them:
# a pattern that starts with the words would be tried at every position of every post.
CHOSEN_BEFORE = re.compile(r"\s+from\s+now\s+on\b", re.I)
#: a farewell after the brand it leaves (stop 48): "A, I'm out", "A - I'm done" (A was 0, of no intent)
OUT_BEFORE_CUE = r"\bi['’]?m\s+(?:out|done)\b"
OUT_BEFORE = re.compile(r"[,:;–—-]+[^\S\n]*i['’]?m\s+(?:out|done)(?:\s+for\s+good)?(?=[^\S\n]*(?:[,.;:!?\n]|$))", re.I)
#: the end of a role's clause after its cue: punctuation, a line break (stop 38: "A was awful, B too\nsee you in May"
#: left B 0, its "too" taken for words of the next line's), or the end of the text; and spaces within one line
_CLAUSE_ENDS = r"[^\S\n]*(?:[,.;:!?\n]|(?<=\s)=+(?!\S)|$)"
_SAME_LINE = r"[^\S\n]+"
#: "B never has", "B would never", and with what the other brand did: "B never does this to me", "B never had that"
_UNLIKE_BEFORE = r"never\s+(?:has|have|had|did|does|do)|(?:would|will|could)\s+never"
FOIL_BEFORE = re.compile(rf"\s+(?:{_UNLIKE_BEFORE})\b(?!{_SAME_LINE}(?!(?:this|that)\b)\w)", re.I)
#: a hedged verdict on B with no words of its own (stop 35): "A rocks, B not so much", "loved A, B not really", "B less
#: so". It denies the other brand's praise; after a complaint ("A was awful, B not so much": B was not awful, which is
#: no praise) B keeps its own words (stop 36; it had the opposite of A's, positive)
_HEDGE_BEFORE = r"not\s+(?:so|that|as|too)\s+much|not\s+really|less\s+so"
HEDGE_BEFORE = re.compile(rf"\s+(?:{_HEDGE_BEFORE})\b(?!{_SAME_LINE}(?!(?:this|that)\b)\w)", re.I)
#: B sharing the other brands' verdict, with no words of its own (stop 36): "A is great, B too", "A lost my bag, B as
#: well", "B also." (B was 0); and when (issue 7: "A lost my bag, B too now" left B 0)
_WHEN = r"now|lately|recently|again|these\s+days|today|this\s+(?:time|week|month|year)"
SHARED_BEFORE = re.compile(rf"\s+(?:too|as\s+well|also)(?:\s+(?:{_WHEN}))?(?={_CLAUSE_ENDS})", re.I)
#: B's clause the other brands' predicate left out (stop 39): "A is never late. B always is", "A is always late, B never
#: is", "A never does. B always does". With "always" B shares their verdict, and with "never" denies it; after a
#: negation ("never", "not", "n't") the other way round: "A is never late. B always is" is B late, against A
_AUXILIARY = r"is|are|was|were|does|do|did|has|have|had|will|would|can"
ELLIPSIS_BEFORE = re.compile(rf"\s+(?:always|never)\s+(?:{_AUXILIARY})(?={_CLAUSE_ENDS})", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['\u2019]t\b", re.I)
#: and the same said before B (stop 37): "A lost my bag, same for B", "same with B", "same goes for B", "ditto B" (B
#: was 0); not denied: "A lost my bag, not the same for B", "never the same with B" (B is not A's verdict); and what
#: was the same, or that it happened (stop 38: "A lost my bag. Same thing happened with B", "same issue with B", "same
#: here with B", "same thing happened to me at B" left B 0)
_SAME_WHAT = r"(?:(?:thing|problem|issue|story|experience|here)\s+)?"
_SAME_HOW = r"(?:(?:goes|went|happened|happens)\s+(?:to\s+(?:me|us)\s+)?)?"
SHARED_AFTER = re.compile(
    r"(?<!\bnot\s)(?<!\bnot\sthe\s)(?<!n't\s)(?<!n't\sthe\s)(?<!n\u2019t\s)(?<!n\u2019t\sthe\s)"
    r"(?<!\bnever\s)(?<!\bnever\sthe\s)"
    rf"\b(?:same\s+{_SAME_WHAT}{_SAME_HOW}(?:for|with|at)|ditto(?:\s+(?:for|with))?)\s+{_NAMED}",
    re.I,
)
#: "A over B", "A instead of B", "A beats B": the words before are chosen, B (the group) passed over, when the
#: brand ends those words (`NAMES_NO_BRAND`; "Delta Air Lines" too): not "A took over B", "A is winning over B's
#: customers" (a takeover, persuading) or "A flew over B's hub"; nor "from A over to B" (going to B)
#: and in tweets "A > B", "A >>> B" (stop 34; not an arrow, "A -> B")
PREFERRED = re.compile(
    r"(?:(?:\s+over(?!\s+to\b)|\s+(?:instead\s+of|beats?|beating))\s+|\s*(?<![-=<])>+\s*)" + _NAMED, re.I
)
#: "A < B", "A <<< B" the other way round: B (the group) chosen, the words before passed over; not an arrow
#: ("A <- B", "A <= B") nor a heart ("A <3"), nor a number ("A has < 100 planes"; stop 35), nor "A <> B" (stop 36)
PREFERRED_BELOW = re.compile(r"\s*(?<![-=<])<+(?![-=3<>])\s*" + _NAMED, re.I)
_PREFER = r"(?:over(?!\s+to\b)|instead\s+of|beats?|beating)"
_OWNER = r"((?:[^\s,.;!?]+\s+)?[^\s,.;!?]+?)['\u2019]s"
#: the same between two brands' things: "A's service over B's" (group 1 chosen, 3 passed over), where "B's"
#: stands alone, its noun (group 2) left out or said again: the clause ends, or "B's service", "B's any day",
#: "every time", "hands down", "by far". Not "A's jet flew over B's hub", "A's row over B's fares"
PREFERRED_OWN = re.compile(
    rf"{_OWNER}\s+(\w+)\s+{_PREFER}\s+{_OWNER}"
    rf"(?={_CLAUSE_ENDS}|\s+(?:\2|any|every|anytime|all\s+day|hands\s+down|by\s+far)\b)",
    re.I,
)
#: a brand picked, alone in its clause (stop 50): "A vs B: B every time", "B any day", "B hands down", "B ftw" (B was
#: 0; as `PREFERRED`, the brand ends the words before: not "A delays every time"; "every time" after a clause of
#: more than the name, `_named_alone`, is how often: not "same thing happens with A every time"); stop 52: "uninstalled
#: A. B it is" (B was 0), the name alone before "it is" too
PICKED = re.compile(
    r"\s+(?:every\s+(?:single\s+)?time|any\s*day(?:\s+of\s+the\s+week)?|hands\s+down|by\s+a\s+mile|for\s+the\s+win|"
    rf"ftw|all\s+the\s+way|it\s+is|it['\u2019]s)(?={_CLAUSE_ENDS})",
    re.I,
)
PICKED_CUE = (
    r"\b(?:every\s+(?:single\s+)?time|any\s*day|hands\s+down|by\s+a\s+mile|for\s+the\s+win|ftw|all\s+the\s+way|"
    r"it\s+is|it['\x{2019}]s)\b"
)
#: the words of a pick or a switch to a brand, in a post naming one (stop 53: "uninstalled. Crownfire it is")
#: (after a clause of its own; a pick ends its clause, after the name alone or nearly: "it's" is in one post of ten)
_WORDS = r"[^\s,.;:!?]+(?:[^\S\n]+[^\s,.;:!?]+){0,2}"
PICK_CUE = (
    rf"[,.;:!?\n](?:[^\S\n]*{_WORDS}[^\S\n]+{PICKED_CUE}[^\S\n]*(?:[,.;:!?\n=]|$)|(?s:.*)\b(?:(?:switch\w*|mov(?:ed|ing))\s+"
    r"to|stick(?:ing)?\s+with|hello|thinking\s+(?:about|of)|considering|next\s+time|from\s+now\s+on)\b)"
    # (a brand kept needs no clause before it: "i'm staying with Sprint" keeps it as "sticking with B" does)
    r"|\b(?:stay(?:ing)?|stick(?:ing)?|renew(?:ed|ing)?)\s+with\b"
)
#: a verdict on the brand named in the words before it (stop 34): "A wins", "the A crew wins" (chosen), "A loses",
#: "A lost to B" (left; B, the group, chosen). Not "A won't", "A lost my bag", "A is losing customers"
WINS = re.compile(r"\s+(?:wins|won)(?![\w'\u2019])", re.I)
LOSES = re.compile(
    rf"\s+(?:loses|lost|losing)(?:\s+out)?(?:\s+to\s+{_NAMED}|(?={_CLAUSE_ENDS}|\s+(?:on|again|every|hands\s+down|by)\b))",
    re.I,
)


#: a brand laughed at (stop 44): "B fans laughing at the A recall" was +0.47 for both (VADER's "laughing"; cx reads
#: "laughing at" as no sentiment now): A's trouble is mocked, a complaint of A; not "not laughing at A", nor A's ad,
#: joke or meme, made to be laughed at ("laughing at the A ad, love it" was A's complaint), nor laughter at how
#: good it is ("laughing at how good A is", review of stop 45: A's -0.5). What is made to be laughed at is cx's
#: `[mockery] made` (stop 46: "laughing at the A skit" was A's complaint here, and no mockery for cx), a `cx:FILE`'s
#: own too (stop 47: `mocked_pattern`)
@lru_cache(maxsize=8)
def mocked_pattern(made: tuple[str, ...]) -> re.Pattern:
    """`MOCKED` with these words of what is made to be laughed at (the analyzer's `[mockery] made`)."""
    return re.compile(
        rf"\b{_NOT}(?:laugh(?:s|ed|ing)?|lol(?:ing|ling)?)\s+at\s+(?!(?:how|what|the\s+way)\b)"
        rf"(?!(?:[^\s,.;!?]+\s+){{0,3}}(?:{'|'.join(map(re.escape, made))})\b){_NAMED}",
        re.I,
    )


MOCKED = mocked_pattern(tuple(builtin_made()))
#: the words of laughter at something, which `MOCKED` reads as mockery of a brand
LAUGHTER = re.compile(r"\b(?:laugh(?:s|ed|ing)?|lol(?:ing|ling)?)\s+at\b", re.I)
#: rivals: "A vs B", "A versus B"; with a verdict on one ("A vs B: B wins", "A vs B, A loses") the other lost or won
RIVALS = re.compile(rf"\s+(?:vs\.?|versus)\s+{_NAMED}", re.I)
#: a brand ahead of another on speed (stop 40): "A is faster than B", "A got here way quicker than B" left both 0, as cx
#: reads no comparison of speed (the brand may be the slow thing's foil: "a snail is faster than B", lexicon 1.11's
#: review). With a brand in the words before, that brand is ahead, a little positive (`AHEAD`), and the brand after
#: "than", set against it (FOIL), a little negative. Not denied ("A is no faster than B", "A isn't much quicker than
#: B"; a word of `_MORE` is no place to start, so the negation before it is seen) nor asked ("is A faster than B?").
#: Review of stop 40: nor denied without the apostrophe ("A isnt faster than B") or before an adverb ("A isn't really
#: faster than B", "A isn't that much faster than B", "A is hardly faster than B"), which were A ahead
#: Stop 41: nor expected, wished or guessed, the verb's plain "be" after a modal or "to" ("I thought A would be faster
#: than B", an expectation that failed, was A ahead; "A should / could / will / used to be faster than B"): the
#: verdicts say "is", "was", "has been". Review of stop 41: nor what was not, "A would've / could have been faster than
#: B" (A ahead)
_MORE = r"(?:much|way|far|a\s+lot|so\s+much|even|slightly|a\s+bit|a\s+little|loads)"
_ADVERB = r"(?:really|actually|necessarily|that)"
_NOT_FASTER = (
    r"(?<=\S)(?<!\bnot)(?<!\bno)(?<!\bnever)(?<!\bany)(?<!\bhardly)(?<!n't)(?<!n\u2019t)"
    r"(?<!\bisnt)(?<!\bwasnt)(?<!\barent)(?<!\bwerent)(?<!\baint)(?<!\bbe)"
    r"(?<!\b(?:would|could|might)['\u2019]ve\sbeen)(?<!\bshould['\u2019]ve\sbeen)"
    r"(?<!\b(?:would|could|might)\shave\sbeen)(?<!\bshould\shave\sbeen)"
)
_NOT_MORE = (
    r"(?<!\bmuch)(?<!\bway)(?<!\bfar)(?<!\blot)(?<!\beven)(?<!\bslightly)(?<!\bbit)(?<!\blittle)(?<!\bloads)"
    r"(?<!\breally)(?<!\bactually)(?<!\bnecessarily)(?<!\bthat)"
)
#: Stop 52: and ahead or behind on a quality a customer wants, more or less of it ("A is way more reliable than B" was 0
#: for both, cx reads no "reliable"; "A is less comfy than B" was A's words' mirror for B, its praise if any): the
#: qualities wanted and those not
_GOOD = (
    r"reliable|dependable|punctual|comfy|comfortable|spacious|roomy|helpful|friendly|polite|responsive|professional|"
    r"affordable|convenient|consistent|efficient|accurate|stable|secure|transparent|generous|clean|intuitive|smooth"
)
_BAD = r"expensive|pricey|overpriced|crowded|cramped|unreliable|buggy|laggy|rude|unhelpful"
_UP = rf"faster|quicker|speedier|more\s+(?:{_GOOD})|less\s+(?:{_BAD})"
_DOWN = rf"more\s+(?:{_BAD})|less\s+(?:{_GOOD})"
_THAN = r"\s+than\b(?![^.!\n]*\?)"
AHEAD_BEFORE = re.compile(rf"{_NOT_FASTER}{_NOT_MORE}\s+(?:{_ADVERB}\s+)?(?:{_MORE}\s+)?(?:{_UP}){_THAN}", re.I)
BEHIND_BEFORE = re.compile(rf"{_NOT_FASTER}{_NOT_MORE}\s+(?:{_ADVERB}\s+)?(?:{_MORE}\s+)?(?:{_DOWN}){_THAN}", re.I)
#: and "A is not as reliable as B", "A isn't nearly as expensive as B" (FOIL sets B against A; both were 0)
_NOT_AS = r"(?:\s+not|\s+nowhere\s+near|\s+nothing\s+like|n['\u2019]t)\s+(?:(?:quite|nearly|even|half)\s+)?as\s+"
NOT_AS_GOOD = re.compile(rf"{_NOT_AS}(?:{_GOOD})\s+as\b(?![^.!\n]*\?)", re.I)
NOT_AS_BAD = re.compile(rf"{_NOT_AS}(?:{_BAD})\s+as\b(?![^.!\n]*\?)", re.I)
#: and as good as each other (stop 53: "A is as reliable as B" was 0 for both, cx reads no "reliable"): both ahead
#: (or, of a quality not wanted, "as expensive as", both behind); not denied or qualified ("A isn't (nearly) as
#: reliable as B": `NOT_AS_GOOD`), nor asked
_NOT_HEDGED = r"(?<!\bnearly)(?<!\bquite)(?<!\beven)(?<!\bhalf)(?<!\bnear)(?<!\blike)"
_AS = rf"{_NOT_FASTER}{_NOT_HEDGED}\s+(?:(?:just|every\s+bit|equally)\s+)?as\s+"
AS_GOOD = re.compile(rf"{_AS}(?:{_GOOD})\s+as\s+{_NAMED}(?![^.!\n]*\?)", re.I)
AS_BAD = re.compile(rf"{_AS}(?:{_BAD})\s+as\s+{_NAMED}(?![^.!\n]*\?)", re.I)
#: stop 56: a brand with more of something ("A is cheaper but B has way more restaurants" left B 0, cx reads nothing in
#: "more restaurants"): ahead, its words neutral; not more of what nobody wants ("more ads", behind), denied or asked
_UNWANTED = (
    r"ads|adverts|fees|charges|delays|bugs|crashes|problems|issues|complaints|outages|cancellations|glitches|errors|"
    r"spam|downtime|hidden|extra"
)
_HAS_MORE = rf"{_NOT_FASTER}\s+(?:has|have|had|offers?|offered|gives?|gave)\s+(?:{_MORE}\s+)?more\s+"
HAS_MORE = re.compile(rf"{_HAS_MORE}(?![^,.;:!?\n]*\b(?:{_UNWANTED})\b)(?![^.!\n]*\?)", re.I)
HAS_MORE_UNWANTED = re.compile(rf"{_HAS_MORE}(?=[^,.;:!?\n]*\b(?:{_UNWANTED})\b)(?![^.!\n]*\?)", re.I)
#: and one another could learn from ("A could learn a thing or two from B" was 0 for both): A behind, B ahead
LEARN = re.compile(
    r"\s+(?:could|should|can|might|must|needs?\s+to|ought\s+to|ha(?:s|ve)\s+(?:a\s+lot|much|so\s+much)\s+to)\s+learn\s+"
    rf"(?:(?:a\s+(?:thing|lesson|lot|few\s+things)|something|loads|so\s+much)(?:\s+or\s+two)?\s+)?from\s+{_NAMED}",
    re.I,
)
#: stop 56: praise given up, "A used to be good / my favourite, now B ..." (A had the old praise, +0.41, or 0): A is
#: left however its words read; not praise kept ("A used to be great and still is")
USED_TO = re.compile(
    r"\s+used\s+to\s+be\s+(?:(?:so|really|very|pretty|such|the|my|our|a|an|one\s+of\s+(?:the|my|our))\s+)*"
    r"(?:good|great|decent|reliable|amazing|awesome|excellent|brilliant|fantastic|solid|cheap|affordable|the\s+best|"
    r"best|favou?rites?|go-?to|\w+\s+favou?rites?|\w+\s+go-?to)\b(?![^.!?\n]*\bstill\b)(?![^.!\n]*\?)",
    re.I,
)
#: stop 56: "would rather walk than fly A again", "I'd rather pay more than deal with A" (A was 0,
#: its words neutral): A is left; a wish, not a fact ("the US model runs A's chip rather than B's")
RATHER = re.compile(
    rf"(?:\bwould|['\u2019]d|\bid|\bi)\s+(?:(?:much|far|honestly|really)\s+)?rather\s+(?:[^\s,.;:!?]+\s+){{0,4}}?"
    rf"than\s+{_NAMED}",
    re.I,
)
#: stop 56: "this is why people fly B", "that's why I use B" (B was 0, and the complaint around it B's): B is chosen,
#: and the other brands the post names are left, the complaint theirs; not asked ("why do people fly B?")
WHY_CHOSEN = re.compile(
    r"\b(?:this|that)\s+(?:is|['\u2019]s)\s+why\s+(?:people|everyone|everybody|we|i|folks|customers|travell?ers|"
    r"passengers|users|smart\s+people)\s+(?:(?:all|now|still|always)\s+)?"
    r"(?:fly|use|choose|pick|prefer|book|shop\s+(?:at|with)|order\s+from|go\s+(?:with|to)|switch(?:ed)?\s+to|"
    rf"stick\s+(?:with|to)|stay\s+with)\s+{_NAMED}(?![^.!\n]*\?)",
    re.I,
)
#: stop 56: "neither A nor B could find my address" (both 0, cx reads "could find" as nothing denied): both as bad as
#: each other where their words are neutral. Stop 57: unless what neither did is a complaint, denied for both ("neither
#: A nor B has ever lost my bag" was -0.41 for each, "neither A nor B was late" -0.20): `_DENIED`
NEITHER = re.compile(rf"\bneither\s+{_NAMED}\s+nor\s+{_NAMED}", re.I)
#: what a complaint's predicate says that cx may read as nothing ("was late", "has ever been late" are 0 for cx)
_COMPLAINT_WORD = re.compile(
    r"\b(?:late|delayed|overbooked|cancell?ed|lost|broke|broken|crashed|overcharged|rude|messed\s+up|screwed\s+up)\b",
    re.I,
)
_NEITHER_NOR = re.compile(r"\b(?:neither|nor)\b", re.I)
#: stop 57: a brand picked after a complaint of another's, in a clause of its own that is the pick alone ("AirNova
#: cancelled again. Booked Skyway.", "flew Skyway instead", "went with Skyway": Skyway was 0): chosen, when the post
#: complains of a brand it names before the pick, or says "instead" (`INSTEAD_ROLE`, `_picked_after`); not "never booked
#: B", "booked B to Denver", nor a post's first clause ("I flew A, B's app, so annoying" says what was flown)
_PICKED = (  # (also `INSTEAD`'s cue, in RE2)
    r"(?:book(?:ed|ing)|flew|fly|flying|(?:went|going|gone)\s+with|chose|picked|order(?:ed|ing)\s+from|tried|trying|"
    r"using)"
)
INSTEAD = re.compile(
    r"(?<=[.!?;:,\n])[^\S\n]*(?:(?:so|just|then|now|and|finally|instead|i|we|i['\u2019]ll|we['\u2019]ll)\s+){0,3}"
    rf"{_PICKED}\s+{_NAMED}(?:\s+instead)?"
    rf"(?:\s+(?:this\s+time|now|today|tonight))?(?={_CLAUSE_ENDS})"
    # (and the name alone with "instead" or "now": "B instead.", and "B now" after a brand left, "A used to be my go-to,
    # B now"; not "B too now", B sharing what was said of the other: "ditched A, B too now" chose B)
    rf"|(?<=[.!?;:,\n])[^\S\n]*{_NAMED}(?<!\stoo)(?<!\salso)(?<!\sas\swell)\s+(?:instead|now)(?={_CLAUSE_ENDS})",
    re.I,
)
#: stop 57: a brand lacking what the author came for, "but B don't have it", "B doesn't carry them" (B was 0): behind,
#: its words neutral; not what it has not ("B doesn't have change fees", a virtue)
LACKS = re.compile(
    r"\s+(?:does|do|did)(?:\s*n['\u2019]?t|\s+not)\s+(?:even\s+|still\s+)?(?:have|carry|stock|sell|offer|show)\s+"
    r"(?:it|that|this|them|one|any)(?!\s+(?:problems?|issues?|fees?|ads|delays?)\b)\b(?![^.!\n]*\?)",
    re.I,
)
#: stop 57: a brand whose thing the author wishes for, "need more perks like B does", "wish A had that like B has" (B
#: was 0): ahead of the brand it is wished of, its words neutral
LIKE_DOES = re.compile(
    rf"\b(?:need|needs|want|wants|wish|should|could\s+use)\b[^,.;:!?\n]{{0,40}}?\blike\s+{_NAMED}\s+"
    r"(?:does|do|did|has|have|had)\b",
    re.I,
)
#: stop 57: "now B is my go-to", "B is my new favourite" (B was 0: cx reads no "go-to"): the words before it chosen;
#: not "B used to be my go-to" (`USED_TO`), "B is no longer my go-to", nor asked
GO_TO = re.compile(
    r"\s+(?:is|are|['\u2019]s)\s+(?:now\s+|officially\s+|definitely\s+)?(?:my|our)\s+(?:new\s+)?"
    r"(?:go-?to|favou?rite|fave|fav)\b(?![^.!\n]*\?)",
    re.I,
)
#: stop 56: a wish, "if A were half as fast as B I'd never leave", "if only A were as reliable as B" (both +0.02): A
#: behind, B ahead
IF_AS = re.compile(
    rf"\bif\s+(?:only\s+)?{_NAMED}\s+(?:were|was|could\s+be|would\s+be)\s+(?:(?:even|only|just)\s+)?"
    rf"(?:(?:half|nearly|a\s+bit|a\s+little|remotely)\s+)?as\s+\w+\s+as\s+{_NAMED}",
    re.I,
)
_QUALITY_CUE = (
    rf"\b(?:faster|quicker|speedier|(?:more|less)\s+(?:{_GOOD}|{_BAD}))\s+than\b|\bas\s+(?:{_GOOD}|{_BAD})\s+as\b"
)
#: "unlike B, A actually answers the phone" (stop 52: both 0): A does what B does not, ahead of it; not "A actually
#: doesn't"
ACTUALLY_BEFORE = re.compile(r"\s+actually\b(?![^,.;:!?\n]*(?:\b(?:not|never|no)\b|n['\u2019]t\b))", re.I)
#: a brand that says, not one compared (stop 52): "United isn't as bad as Delta claims" set Delta against United
#: (-0.40): United is compared with Delta's claim. Its score is that of its clauses naming it alone (0 when none)
_SAYS = (
    r"(?:claim(?:s|ed)?|says?|said|thinks?|thought|suggest(?:s|ed)?|makes?\s+(?:it|them|us|you)\s+out|"
    r"made\s+(?:it|them|us|you)\s+out|advertis(?:es|ed)|promis(?:es|ed)|reports?|reported|tells?\s+(?:you|us|me)|"
    r"told\s+(?:you|us|me)|insists?|insisted|pretends?|pretended|would\s+have\s+you\s+believe)\b"
)
CLAIMED = re.compile(
    rf"(?:\bthan|\bas\s+\w+\s+as)\s+{_NAMED}\s+(?<!\bwhich\s)(?<!\bthat\s)(?<!\bwho\s)(?<!\bwhat\s){_SAYS}"
    r"(?!\s+(?:a\s+lot|it\s+all|everything|enough|something|volumes))",  # (review of stop 52: "... than B which says a
    re.I,  # lot" is said of the comparison, B no claimant)
)
#: the rule and sign of each role of brands as good or bad as each other (`LEVEL_ROLE`, `LEVEL_BAD_ROLE`)
LEVEL = (("level", 1), ("level_bad", -1))
#: how positive a brand ahead of another is, its words neutral: as cx scores a comparison its lexicon knows, "A is
#: cheaper than B" (+0.21); and how negative one behind
AHEAD = 0.2
LEFT_ROLE, CHOSEN_ROLE, FOIL_ROLE, RIVAL_ROLE, PASSED_ROLE, HEDGE_ROLE, SHARED_ROLE = 0, 1, 2, 3, 4, 5, 6
AHEAD_ROLE, MOCKED_ROLE, BEHIND_ROLE, CLAIMANT_ROLE, UNLIKED_ROLE = 7, 8, 9, 10, 11
LEVEL_ROLE, LEVEL_BAD_ROLE, WHY_ROLE, INSTEAD_ROLE, NEITHER_ROLE = 12, 13, 14, 15, 16
NAMES_A_BRAND, NAMES_NO_BRAND = -1, -2
#: (pattern, a word the pattern needs, the role of each of its groups, the role of the words before it or
#: None): the cue is looked for in RE2 over the whole batch, and the pattern runs only on the posts that
#: have it. A match counts only if each of its groups (and words before) names a brand (`NAMES_NO_BRAND`: none).
ROLES = (
    (
        LEFT,
        LEFT_CUE,
        (LEFT_ROLE,) * LEFT.groups,
        None,
    ),
    (ALONE, ALONE_CUE, (LEFT_ROLE,) * ALONE.groups, None),
    (
        CHOSEN,
        r"\b(?:from|switch|mov|stick|stay|renew|hello|back\s+to|thinking\s+(?:about|of)|considering)",
        (NAMES_A_BRAND, CHOSEN_ROLE, CHOSEN_ROLE),
        None,
    ),
    (NEXT_TIME, r"\bnext\s+time\b", (CHOSEN_ROLE,), None),
    (LEFT_FOR, r"\b(?:left|leav|ditch|dump|dropp|swapp|trad|quit)\w*\s(?s:.*)\bfor\s", (LEFT_ROLE, CHOSEN_ROLE), None),
    (TO_FROM, r"\bto\s(?s:.*)\sfrom\s", (CHOSEN_ROLE, LEFT_ROLE), None),
    (
        SWITCH_REASON,
        r"\b(?:to|tried|trying)\s(?s:.*)\s(?:after|because|since|as|when|cause|cos)\s",
        (CHOSEN_ROLE, LEFT_ROLE),
        None,
    ),
    (ARROW, r"→|⟶|➡|->|=>", (LEFT_ROLE, CHOSEN_ROLE), None),
    (CHOSEN_BEFORE, r"\bnow\s+on\b", (), CHOSEN_ROLE),
    (OUT_BEFORE, OUT_BEFORE_CUE, (), LEFT_ROLE),
    (PREFERRED, r"\b(?:over|instead\s+of|beats?|beating)\b|>", (PASSED_ROLE,), CHOSEN_ROLE),
    (PREFERRED_BELOW, r"<", (CHOSEN_ROLE,), PASSED_ROLE),
    (
        PREFERRED_OWN,
        r"['\x{2019}]s\s+\w+\s+(?:over|instead\s+of|beats?|beating)\s",
        (CHOSEN_ROLE, NAMES_NO_BRAND, PASSED_ROLE),
        None,
    ),
    (FOIL, r"\bthan\b|\bas\s+\w+\s+as\s", (FOIL_ROLE,), None),
    (NOT_LIKE, r"\bnot\s+like\s", (UNLIKED_ROLE,), None),
    (UNLIKE, r"\bunlike\s", (UNLIKED_ROLE,), None),
    (WINS, r"\b(?:wins|won)\b", (), CHOSEN_ROLE),
    (
        PICKED,
        PICKED_CUE,
        (),
        CHOSEN_ROLE,
    ),
    (LOSES, r"\b(?:loses|lost|losing)\b", (CHOSEN_ROLE,), LEFT_ROLE),
    (RIVALS, r"\b(?:vs|versus)\b", (RIVAL_ROLE,), RIVAL_ROLE),
    (FOIL_BEFORE, rf"\b(?:{_UNLIKE_BEFORE})\b", (), FOIL_ROLE),
    (HEDGE_BEFORE, rf"\b(?:{_HEDGE_BEFORE})\b", (), HEDGE_ROLE),
    (SHARED_BEFORE, r"\b(?:too|as\s+well|also)\b", (), SHARED_ROLE),
    (ELLIPSIS_BEFORE, rf"\b(?:always|never)\s+(?:{_AUXILIARY})\b", (), SHARED_ROLE),
    (SHARED_AFTER, r"\b(?:same|ditto)\b", (SHARED_ROLE,), None),
    (AHEAD_BEFORE, _QUALITY_CUE, (), AHEAD_ROLE),
    (BEHIND_BEFORE, _QUALITY_CUE, (), BEHIND_ROLE),
    (NOT_AS_GOOD, _QUALITY_CUE, (), BEHIND_ROLE),
    (NOT_AS_BAD, _QUALITY_CUE, (), AHEAD_ROLE),
    (AS_GOOD, _QUALITY_CUE, (LEVEL_ROLE,), LEVEL_ROLE),
    (AS_BAD, _QUALITY_CUE, (LEVEL_BAD_ROLE,), LEVEL_BAD_ROLE),
    (HAS_MORE, r"\bmore\s", (), AHEAD_ROLE),
    (HAS_MORE_UNWANTED, r"\bmore\s", (), BEHIND_ROLE),
    (LEARN, r"\blearn\s(?s:.*)\bfrom\s", (AHEAD_ROLE,), BEHIND_ROLE),
    (ACTUALLY_BEFORE, r"\bunlike\s(?s:.*)\bactually\b|\bactually\s(?s:.*)\bunlike\s", (), AHEAD_ROLE),
    (CLAIMED, rf"\b(?:than|as)\s(?s:.*)\s{_SAYS}", (CLAIMANT_ROLE,), None),
    (MOCKED, r"\b(?:laugh|lol)\w*\s+at\s", (MOCKED_ROLE,), None),
    (USED_TO, r"\bused\s+to\s+be\s", (), LEFT_ROLE),
    (RATHER, r"\brather\s(?s:.*)\bthan\s", (LEFT_ROLE,), None),
    (WHY_CHOSEN, r"\bwhy\s", (WHY_ROLE,), None),
    (NEITHER, r"\bneither\s(?s:.*)\bnor\s", (NEITHER_ROLE, NEITHER_ROLE), None),
    (INSTEAD, rf"\b{_PICKED}\s|\b(?:instead|now)[^\S\n]*(?:[,.;:!?\n]|$)", (INSTEAD_ROLE, INSTEAD_ROLE), None),
    (
        LACKS,
        r"\b(?:does|do|did)(?:n['\x{2019}]?t|\s+not)\s+(?:even\s+|still\s+)?(?:have|carry|stock|sell|offer|show)\s",
        (),
        BEHIND_ROLE,
    ),
    (LIKE_DOES, r"\blike\s(?s:.*)\s(?:does|do|did|has|have|had)\b", (AHEAD_ROLE,), None),
    (GO_TO, r"\b(?:go-?to|favou?rite|fave|fav)\b", (), CHOSEN_ROLE),
    (IF_AS, r"\bif\s(?s:.*)\bas\s+\w+\s+as\s", (BEHIND_ROLE, AHEAD_ROLE), None),
)
#: a result between two clubs (stop 42): "City 3 United 0, what a game", "Forest 2-1 Arsenal", "A 1:3 B" left both 0.
#: Read as what it says, "A beats B" or "A < B", for the roles above (`results_said`); a draw says neither. (Review of
#: stop 42: not "A lost to B", which takes any words before it: "Forest shop open 8-10 Arsenal" was Forest's loss; both
#: need the club's name to end the words before the score.) Not a time ("15:00": `:` only between single digits), a
#: date or a count ("2 Arsenal shirts and 1 Forest scarf": the second number ends the clause, and the words between
#: name a brand). The first number leads, outside the alternatives and as `[0-9][0-9]?` (not a repeat), so `re` skips
#: to the next digit in C instead of trying both alternatives at every character (a match thread of scores and counts,
#: 400 characters, took 110 µs, now 40).
RESULT = re.compile(
    r"([0-9][0-9]?)(?:\s*(?:[-\u2013\u2014]|:(?=[0-9](?![0-9])))\s*([0-9]{1,2})(?![0-9:])(?=\s+\S)"
    r"|\s+([^\W\d_][^\d,.;:!?\n]{0,40}?)\s+([0-9]{1,2})(?=[^\S\n]*(?:[,.;:!?\n]|$)))"
)
#: the texts RESULT may match, for RE2 over the batch
_MAY_RESULT = r"\s[0-9]{1,2}\s*[-\x{2013}\x{2014}:]\s*[0-9]|\s[0-9]{1,2}\s+\D+\s[0-9]"


#: a verb before a score says the result already (review of stop 42)
_SAID = re.compile(r"\b(?:lost|lose|loses|losing|won|wins|win|winning|beat|beats|beaten|beating)\s+$", re.I)


def _result(m: re.Match) -> str:
    first, second, between, last = m.groups()
    home, away = int(first), int(second if second is not None else last)
    verdict = "beats" if home > away else "<" if home < away else None
    before = m.string[: m.start()]  # (a number after a brand's name and a space: not "A12-0 B", "2026-11-28")
    if verdict is None or not before[-1:].isspace() or not before.strip():
        return m.group()
    # ("A lost 0-2 to B" reads as "A lost to B" without its score; the verb ends the words before, so only their
    # last 7 characters, "winning", are searched: from the start, every score in a long post searched it all again)
    if _SAID.search(before, max(0, len(before.rstrip()) - 7)):
        return ""
    return verdict if between is None else f"{verdict} {between}"


def results_said(texts: pd.Series) -> pd.Series:
    """`texts` with each result between two clubs said in words ("City 3 United 0" is "City beats United"): the roles'
    patterns read it; the clauses keep their own words, as "lost" would make them negative."""
    arr = pa.array(texts.tolist(), pa.large_string())
    may = pc.match_substring_regex(arr, _MAY_RESULT).to_numpy(zero_copy_only=False)
    if not may.any():
        return texts
    texts = texts.copy()
    texts[may] = [RESULT.sub(_result, t) for t in texts[may].tolist()]
    return texts


#: ("A vs B: B wins": B's verdict is B's alone), and "=" between spaces, where `clauses` split too ("ditched A = B from
#: now on" chose both)
CLAUSE_END = re.compile(r"[,.;!?\n]|:(?!\S)|(?<!\S)=+(?!\S)")
#: how strongly leaving a brand, or choosing one instead, counts when the words themselves are neutral
CHURN = 0.5


def clauses(text: str) -> list[str]:
    """`text`'s clauses, as cx reads it (`unglued`: a negation's aside between commas moved before it, "A is not,
    honestly, bad" is "A is, honestly, not bad"; a line break after a word a sentence end)."""
    return [c for c in CLAUSE_SPLIT.split(unglued(text)) if c and c.strip()]


def score_brands(df: pd.DataFrame, brands: list[Brand], analyzer: Analyzer | str = "cx") -> pd.Series:
    """The `brand_sentiments` column: for each scored post naming two or more brands, each brand's own
    score as `Brand=score` pairs in the order of `brands` ("Skyway=-0.5000;Aerolux=0.5000"); empty
    for the other posts, whose brand has the post's score. Needs `analyze`'s brands and sentiment."""
    return _sentiments_column(df, *_own_scores(df, brands, analyzer))


def _sentiments_column(df: pd.DataFrame, where: np.ndarray, scores: dict) -> pd.Series:
    """`score_brands`' column from `_own_scores`' result."""
    out = np.full(len(df), None, dtype=object)
    if len(where):
        post = df["sentiment"].to_numpy(float)[where].tolist()
        names = df["brands"].iloc[where].tolist()  # (only these posts' strings become Python objects)
        for i, named, score in zip(where.tolist(), names, post, strict=True):
            out[i] = LIST_SEPARATOR.join([f"{b}={scores.get((i, b), score):.4f}" for b in named.split(LIST_SEPARATOR)])
    # through Arrow: pandas' own conversion of the object array took 5 ms a 50,000-post slice
    out = pa.array(out, type=pa.large_string(), from_pandas=True)
    return pd.Series(pd.arrays.ArrowStringArray(out), index=df.index, dtype=STRING)


def _own_scores(df: pd.DataFrame, brands: list[Brand], analyzer: Analyzer | str) -> tuple[np.ndarray, dict]:
    """(the positions of the scored posts naming two or more brands, {(position, brand): its own score} where it
    is not the post's), the scores unrounded; no positions without brands (nothing to score apart)."""
    lists = pa.array(df["brands"], type=pa.large_string(), from_pandas=True)
    multi = pc.fill_null(pc.match_substring(lists, LIST_SEPARATOR), False).to_numpy(zero_copy_only=False)
    scored = df["sentiment"].notna().to_numpy()  # unscored posts (not English) stay so
    # and the posts naming one brand that may pick it (`PICK_CUE`): "uninstalled. B it is" (stop 53), and since stop 54
    # neutral ones and those less positive than a pick's win too ("tried them all. B it is" kept its 0); a post more
    # positive keeps its score (a pick's +0.5, from its clauses apart, would lower "Great trip. Flying B next time")
    one = ~multi & pc.fill_null(pc.not_equal(lists, ""), False).to_numpy(zero_copy_only=False)
    one &= df["sentiment"].lt(CHURN).to_numpy(dtype=bool, na_value=False)
    if one.any():  # (their texts alone)
        at = np.flatnonzero(one)
        texts = pa.array(df["text"].iloc[at].to_numpy(object), type=pa.large_string(), from_pandas=True)
        cued = pc.match_substring_regex(texts, PICK_CUE, ignore_case=True)
        one[at] = pc.fill_null(cued, False).to_numpy(zero_copy_only=False)
    where = np.flatnonzero((multi | one) & scored)
    if not (len(where) and brands):
        return where[:0], {}
    texts = pd.Series(df["text"].iloc[where].fillna("").to_numpy(object), index=where)
    names = df["brands"].iloc[where].tolist()
    analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
    analyzer = names_neutral(analyzer, brands)  # ("Best Western" is no praise of it; stop 41)
    scores = _multi_brand_scores(texts, names, brands, analyzer)
    if one.any():  # (of those naming one brand, the posts it picks keep a score of their own)
        picked = {i for i, _ in scores}
        where = where[multi[where] | np.isin(where, list(picked))]
    return where, scores


def own_scores(cell: object) -> dict[str, float]:
    """A post's `brand_sentiments` cell ("A=-0.5000;B=0.5000") as brand -> its own score; {} when empty."""
    if not isinstance(cell, str) or not cell:
        return {}
    return {name: float(score) for name, _, score in (pair.rpartition("=") for pair in cell.split(LIST_SEPARATOR))}


def brand_scores(cells: pd.Series, brands: pd.Series) -> np.ndarray:
    """Each row's brand's own score, read from its post's `brand_sentiments` cell (NaN where empty)."""
    out = np.full(len(cells), np.nan)
    for i, (cell, brand) in enumerate(zip(cells.fillna("").tolist(), brands.tolist(), strict=True)):
        if cell != "":
            for pair in cell.split(LIST_SEPARATOR):
                name, _, score = pair.rpartition("=")
                if name == brand:
                    out[i] = float(score)
                    break
    return out


def per_brand(
    df: pd.DataFrame,
    brands: list[Brand],
    analyzer: Analyzer | str = "cx",
    positive: float = 0.05,
    negative: float = -0.05,
    explain: bool = False,
) -> pd.DataFrame:
    """One row per post and brand (`brand` empty for posts naming none), with `brand_sentiment`
    and `brand_sentiment_label` (and with `explain`, `brand_explain`: the rule behind a brand's own
    score in a post naming several). Needs `analyze`'s brands, sentiment and sentiment_label (and uses
    its brand_sentiments when there). The rows keep `df`'s index, as `analyze`'s do: a post naming
    several brands has its label once per brand, so `df.loc[rows.index]` is each row's post."""
    from .explode import NO_BRAND, explode_brands  # (here: explode reads this module's brand_scores)

    check_enriched(df, ("text", "brands", "sentiment", "sentiment_label"), "per_brand")  # (a KeyError 'brands')
    base = df.reset_index(drop=True)
    own = None  # the posts naming several brands are scored once here, or once by analyze
    if "brand_sentiments" not in base.columns:
        own = _own_scores(base, brands, analyzer)
        base["brand_sentiments"] = _sentiments_column(base, *own)
    long = explode_brands(
        base[["brands", "sentiment", "sentiment_label", "brand_sentiments"]], NO_BRAND, positive, negative
    )
    # text columns keep the string dtype: as plain objects, a chunk whose labels were all missing
    # (non-English posts) became a null column, and --chunksize -f parquet failed on the next chunk
    out = base.loc[long.index].assign(
        brand=pd.array(long["brands"].where(long["brands"] != NO_BRAND, ""), dtype=STRING),
        brand_sentiment=long["sentiment"].astype(float).to_numpy(),
        brand_sentiment_label=pd.array(long["sentiment_label"], dtype=STRING),
    )
    # a brand's own score unrounded, as `sentiment` is, not the 4 decimals of `brand_sentiments` (0.2083 beside
    # -0.4287333333333333); where brand_sentiments came from another analyzer or lexicon, as they are. The label
    # stays the one brand_sentiments gives, which the brand tables count.
    several = out["brand_sentiments"].fillna("").ne("").to_numpy(bool)
    if several.any():
        _, exact = own if own is not None else _own_scores(base, brands, analyzer)
        post = base["sentiment"].to_numpy(float)
        at, named = out.index[several].tolist(), out["brand"][several].tolist()
        full = np.array([exact.get((i, b), post[i]) for i, b in zip(at, named, strict=True)])
        shown = out["brand_sentiment"].to_numpy(float, copy=True)
        same = np.abs(full - shown[several]) <= 0.00005 + 1e-12
        shown[np.flatnonzero(several)[same]] = full[same]
        out["brand_sentiment"] = shown
    if explain:
        out["brand_explain"] = _brand_rules(out, brands, analyzer)
    # (numbered from 0, the rows could not be joined back to the posts they came from)
    return out.set_axis(df.index[out.index.to_numpy()])


#: what `brand_explain` says of each rule
RULES = {
    "clauses": "its own clauses",
    "left": "left for another brand",
    "chosen": "chosen instead of another brand",
    "against": "set against the other brands",
    "shared": "shares the other brands' verdict",
    "ahead": "ahead of another brand",
    "mocked": "laughed at",
    "behind": "behind another brand",
    "claims": "says what is compared",
    "picked": "chosen over a product left unnamed",
    "level": "as good as another brand",
    "level_bad": "as bad as another brand",
    "denied": "a complaint denied of it and another brand",
}


def _brand_rules(rows: pd.DataFrame, brands: list[Brand], analyzer: Analyzer | str) -> pd.Series:
    """`brand_explain` of per-brand rows: the rule and score of each brand of a post naming several
    (empty for the others, whose `explain` is the post's)."""
    own = rows["brand_sentiments"].fillna("").ne("").to_numpy()
    notes = np.full(len(rows), "", dtype=object)
    if own.any():
        rule = _rules(rows.loc[own, "text"], rows.loc[own, "brands"], brands, analyzer)
        for k in np.flatnonzero(own):
            text, brand, score = rows["text"].iloc[k], rows["brand"].iloc[k], rows["brand_sentiment"].iloc[k]
            notes[k] = f"rule: {rule.get((text, brand), RULES['clauses'])} | score {score:+.3f}"
    return pd.Series(notes, index=rows.index, dtype=STRING)


def own_explained(posts: pd.DataFrame, brands: list[Brand], analyzer: Analyzer | str) -> pd.Series:
    """For `--explain`'s table: each brand of a post whose own scores (`brand_sentiments`) are not all the post's,
    a line with the rule and score behind it ("Skyway: left for another brand | score -0.563"); "" for the others,
    whose explanation is the post's; "" for an unscored post (NaN sentiment: "not scored" is its explanation)."""
    own = [own_scores(c) for c in posts.get("brand_sentiments", pd.Series(None, index=posts.index))]
    post = posts["sentiment"].round(4).tolist()
    # (NaN differs from every score: an unscored post's brands were explained as if scored)
    differs = [p == p and any(v != p for v in scores.values()) for scores, p in zip(own, post, strict=True)]
    rule = _rules(posts["text"][differs], posts["brands"][differs], brands, analyzer) if any(differs) else {}
    notes = [
        "\n".join(f"{b}: {rule.get((t, b), RULES['clauses'])} | score {v:+.3f}" for b, v in scores.items()) if d else ""
        for t, scores, d in zip(posts["text"], own, differs, strict=True)
    ]
    return pd.Series(notes, index=posts.index, dtype=STRING)


def _rules(
    texts: pd.Series, names: pd.Series, brands: list[Brand], analyzer: Analyzer | str
) -> dict[tuple[str, str], str]:
    """{(text, brand): what set the brand's own score (RULES' words)} for posts naming several brands, scored
    again to learn it (only with --explain); a brand set by its own clauses is left out."""
    if isinstance(analyzer, str):
        analyzer = get_analyzer(analyzer)
    texts = texts.fillna("").astype(str)
    first = ~texts.duplicated().to_numpy()
    posts = texts[first]
    why: dict = {}
    named = names.fillna("").astype(str)[first].tolist()
    _multi_brand_scores(pd.Series(posts.to_numpy(object)), named, brands, analyzer, why)
    return {(posts.iloc[i], b): RULES[r] for (i, b), r in why.items()}


_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+")


def _item(part: str) -> bool:
    """Whether a clause is an item of a list: three words at most, a dash's tail aside ("B 2.5yrs - who's next")."""
    return len(_DASH.split(part, maxsplit=1)[0].split()) <= 3


def _followed_by_colon(text: str, part: str) -> bool:
    """Whether `part` of `text` is followed by a colon (a heading's: "Worst airlines this year: A, B, C")."""
    at = text.find(part)
    return at >= 0 and text[at + len(part) :].lstrip().startswith(":")


def _multi_brand_scores(
    texts: pd.Series, names: list[str], brands: list[Brand], analyzer: Analyzer, why: dict | None = None
) -> dict[tuple, float]:
    """{(post index, brand): score} for posts naming two or more brands (`names`: each post's `brands` cell); `why`
    gets the role that set a score (left, chosen, against; its clauses when none)."""
    # entities as CSV exports of tweets keep them: "A &gt; B" is "A > B" (stop 35); and HTML tags are no comparison
    # ("<b>A</b> ... <br> B" read as "A < B", stop 36): each a space
    coded = texts.str.contains("&", regex=False).to_numpy(bool)
    if coded.any():
        texts = texts.copy()
        texts[coded] = [html.unescape(t) for t in texts[coded].tolist()]
    # pasted code, traces and log lines, which `score_sentiment` does not read either (their clauses were a brand's)
    plain = [without_code(t, inline=False) if isinstance(t, str) else t for t in texts]
    texts = pd.Series(plain, index=texts.index, dtype=object)
    tagged = texts.str.contains("<", regex=False).to_numpy(bool)
    if tagged.any():
        texts = texts.copy()
        texts[tagged] = [without_tags(t) for t in texts[tagged].tolist()]
    # and an aside between commas moved before its negation or "than", as cx reads it (`asides_moved`; stop 38: "A is
    # better than, to be fair to them, B" is "A is better, to be fair to them, than B", and sets B against A)
    commas = texts.str.contains(",", regex=False).to_numpy(bool)
    if commas.any():
        texts = texts.copy()
        texts[commas] = [asides_moved(t) for t in texts[commas].tolist()]
    matcher = BrandLocator(brands)
    # a clause names only the brands its post names: a word of a query (`delta NEAR/3 flight`'s "flight") is no
    # mention of its brand in a post the query did not match (";A;B;" searched once a brand: split a post at a
    # time, it took 7 ms of 50,000 posts' 200)
    own = _named(names, matcher)
    post_of, parts = [], []
    for pos, text in enumerate(texts.tolist()):
        split = clauses(text)
        parts += split
        post_of += [pos] * len(split)
    if not parts:
        return {}
    parts, post_of = _join_lists(parts, post_of, matcher)
    parts, post_of = _split_and(parts, post_of, matcher)
    parts, post_of = _reasons_first(parts, post_of, matcher)
    # each distinct clause scored and scanned once (posts repeat clauses: "best decision ever", "lol"); a question's
    # clauses read as asked, as cx damps the whole post ("Should I open A or B? Mainly need free card use abroad" gave
    # each +0.05, the post +0.03): each clause of a post cx reads as a question ends in "?"
    asking = getattr(getattr(analyzer, "lex", None), "question_factor", 1.0) != 1.0
    asked = [asking and "?" in t and _question(t) for t in texts.tolist()]
    read = [p if not asked[k] or "?" in p else p.rstrip(" .,;:") + "?" for p, k in zip(parts, post_of, strict=True)]
    codes, distinct = pd.factorize(pd.Series(read, dtype=object))
    # (scored without their inline code, kept above for the brands it names: "`stackly kill --all`" was Stackly's -0.67)
    pol = scored(analyzer, [without_code(c) for c in distinct.tolist()])[0][codes]
    post_of = np.asarray(post_of)
    hits = np.asarray(matcher.hits(pd.Series(distinct, dtype=STRING)), dtype=bool)[codes] & own[post_of]
    # a yes/no question comparing brands asks, and says nothing of either (stop 54: "Is A better than B for long
    # flights?" gave A the damped "better", +0.20, and B, set against it, -0.20); "why is A so much slower than B?"
    # still complains
    asks = [k for k, p in enumerate(parts) if "?" in p and YES_NO.match(p)]
    if asks:
        asks = np.asarray(asks)
        pol = pol.copy()
        pol[asks[hits[asks].sum(axis=1) > 1]] = 0.0
    # a clause belongs to the brands of its post's last clause naming any; clauses before the first
    # such clause belong to that clause's first brand (in config order)
    n = len(parts)
    branded = np.where(hits.any(axis=1), np.arange(n), -1)
    # an aside between commas naming another brand ("A, B's chief competitor, manages to ...") is no clause of the
    # subject's: the words after it are A's (stop 55: B had them, +0.18, and A 0)
    asides = _asides(parts, post_of, hits, pol)
    last = np.maximum.accumulate(np.where(asides, -1, branded) if asides.any() else branded)
    last[asides] = np.flatnonzero(asides)
    first = np.minimum.accumulate(np.where(branded >= 0, branded, n)[::-1])[::-1]
    own_last = (last >= 0) & (post_of[np.maximum(last, 0)] == post_of)
    own_first = ~own_last & (first < n) & (post_of[np.minimum(first, n - 1)] == post_of)
    of_brand = np.where(own_last[:, None], hits[np.maximum(last, 0)], False)
    leading = np.flatnonzero(own_first)
    of_brand[leading, hits[first[leading]].argmax(axis=1)] = True
    # a heading and a colon before a list of brands with no words of their own (items of three words at most, a
    # dash's tail aside) is all theirs (stop 55: "Half-life of achieving Evil: IBM 40yrs, Microsoft 20yrs, Google 10yrs,
    # Twitter 2.5yrs - who's next?" gave the heading to Microsoft alone)
    headed: dict = {}  # {first clause naming a brand: the clauses before it}, of posts with a colon
    for k in leading.tolist():
        if ":" in texts.iat[post_of[k]]:
            headed.setdefault(int(first[k]), []).append(k)
    for f, heads in headed.items():
        text = texts.iat[post_of[f]]
        colon = [k for k in heads if _followed_by_colon(text, parts[k])]
        if not colon:
            continue
        end = f
        while end < n and post_of[end] == post_of[f] and hits[end].any() and pol[end] == 0 and _item(parts[end]):
            end += 1
        if end - f > 1 and all(_item(parts[k]) and pol[k] == 0 for k in range(colon[-1] + 1, f)):
            of_brand[np.ix_(heads, hits[f:end].any(axis=0))] = True
        elif pol[head := colon[-1]] != 0 and len(parts[head].split()) <= 2:
            # a label before a colon ("rant:", "PSA:", "ugh:") is the verdict of the brands whose own words share its
            # sign, not the first brand's (stop 56: "rant: A rebooked me in 20 minutes while B still can't find my
            # bag" gave A the rant, -0.30); the first brand's still where none does
            rest = np.arange(f, np.searchsorted(post_of, post_of[f], side="right"))
            voiced = rest[pol[rest] != 0]
            agree = [
                c
                for c in np.flatnonzero(of_brand[rest].any(axis=0)).tolist()
                if (mine := pol[voiced[of_brand[voiced, c]]]).size and mine.mean() * pol[head] > 0
            ]
            if agree:
                of_brand[head] = False
                of_brand[head, agree] = True
    starts = np.flatnonzero(np.r_[True, post_of[1:] != post_of[:-1]])
    at = np.cumsum(np.r_[0, post_of[1:] != post_of[:-1]])  # each clause's post among `starts`
    # the (clause, brand) pairs, summed per (post, brand) in clause order: clauses x brands matrices of floats took
    # 600 MB and most of the time of 100,000 posts naming 300 brands
    clause, brand = np.nonzero(of_brand)
    pairs, pair = np.unique(at[clause] * len(brands) + brand, return_inverse=True)
    pair = pair.ravel()

    def per_pair(weights: np.ndarray) -> np.ndarray:
        return np.bincount(pair, weights=weights[clause], minlength=len(pairs))

    # sarcasm ("great job A, another 3 hour delay, B never does this"): the clauses, scored apart, lost it. In a
    # post the analyzer reads as sarcastic, the positive clauses of a brand whose clauses hold the negative
    # event count against it ("cool cool. A rebooked me while B still can't find my bag" is aimed at B); asked
    # only of posts with a positive clause and a negative one (the others cannot be sarcastic)
    if (sarcastic := getattr(analyzer, "sarcastic", None)) is not None:
        ask = (np.maximum.reduceat(pol, starts) > 0) & (np.minimum.reduceat(pol, starts) < 0)
        if ask.any():
            values, asked = texts.tolist(), np.flatnonzero(ask)
            ask[asked] = sarcastic([values[post_of[starts[k]]] for k in asked.tolist()])
            aimed = (per_pair(pol < 0) > 0)[pair] & ask[at[clause]]
            flip = np.zeros(n, dtype=bool)
            flip[clause[aimed]] = True
            flip &= pol > 0
            # and a gloat over it, another brand's, is no praise of the gloating brand (stop 52: "Calora outage again.
            # Kova is going to love this" was Kova's +0.62; cx reads the post as a sarcastic complaint, -0.68)
            if (gloat := getattr(analyzer, "gloat_rx", None)) is not None:
                maybe = np.flatnonzero(~flip & (pol > 0) & ask[at])
                gloats = np.zeros(n, dtype=bool)
                gloats[[k for k in maybe.tolist() if gloat.search(parts[k].lower())]] = True
                pol = np.where(gloats, 0.0, pol)
            pol = np.where(flip, pol * analyzer.lex.sarcasm_factor, pol)
    # a brand's score: the mean of its clauses that carry any sentiment (0 when none does)
    said = per_pair(pol != 0)
    score = per_pair(pol) / np.maximum(said, 1)
    # a brand chosen instead of another without the negative clauses that name both: the reason for the switch
    # ("switched to B because A kept delaying my flights", "left A for B because the fees got ridiculous"), nor
    # a negative sentence naming no brand, the reason's too: "switched from A to B. terrible claims service", "A → B.
    # never again" were B's complaints, queued for B (a clause of the switch's own sentence is still B's: "switched
    # from A to B, even worse"); but a farewell is the brand left's wherever it stands ("switched from A to B, never
    # again" was B's complaint as much as A's, and the queue's row could name B)
    ended = np.fromiter((p.rstrip().endswith((".", "!", "?")) for p in parts), dtype=bool, count=n)
    opens = np.r_[True, ended[:-1] | (post_of[1:] != post_of[:-1])]
    parting = np.fromiter((FAREWELL.fullmatch(p) is not None for p in parts), dtype=bool, count=n)
    # stop 54: a sentence naming no brand after the switch's is read by its tense (`_said_now`): the past is the
    # reason, the brand left's; the present is said of the brand the author has now, the one chosen ("switched from A
    # to B. claims service is terrible" gave B +0.5, as "B it is. Graphics are the worst" did not); without a verb it
    # is the last-named brand's, as any clause naming none: B's after a sentence naming B alone ("switched to B.
    # terrible claims service"), the reason after one naming both ("switched from A to B. terrible claims service")
    after, now = _said_after(parts, opens, hits, last, own_last, pol)
    shared = ((hits.sum(axis=1) > 1) | (~hits.any(axis=1) & (opens | parting | after))) & (pol < 0) & ~now
    farewell = parting & ~hits.any(axis=1)  # (and each brand's score without them: `unparted`)
    parted = per_pair(farewell.astype(float)) > 0
    unparted = per_pair(np.where(farewell, 0.0, pol)) / np.maximum(per_pair((pol != 0) & ~farewell), 1)
    own_score = per_pair(np.where(shared, 0.0, pol)) / np.maximum(per_pair((pol != 0) & ~shared), 1)
    # and of the clauses naming it alone, and of those naming it and another, where two brands are compared
    single = hits.sum(axis=1) == 1
    alone_score = per_pair(np.where(single, pol, 0.0)) / np.maximum(per_pair((pol != 0) & single), 1)
    joint = hits.sum(axis=1) > 1
    joint_score = per_pair(np.where(joint, pol, 0.0)) / np.maximum(per_pair((pol != 0) & joint), 1)
    joint_named = per_pair(joint.astype(float)) > 0
    # and of the clauses naming it alone that compare another brand, named before, by a pronoun ("though their service
    # isn't as good as B's"), the comparison a foil there is set against (not "a snail is faster than B", B's own)
    compares = np.fromiter(
        (("than" in p or " as " in p) and _PRONOUN_FOIL.search(p) is not None for p in (q.lower() for q in parts)),
        bool,
        n,
    )
    foil_score = per_pair(np.where(single & compares, pol, 0.0)) / np.maximum(
        per_pair((pol != 0) & single & compares), 1
    )
    # the laughter (cx's complaint, "laughing at" -1.5) is the brand's it mocks: the other brands of a post where one is
    # mocked are read without it, clause by clause ("B fans laughing at A because B lost my bag" keeps B's complaint)
    laughs = pc.match_substring_regex(pa.array(distinct.tolist(), pa.string()), LAUGHTER.pattern, ignore_case=True)
    laughing = np.flatnonzero(pc.fill_null(laughs, False).to_numpy(zero_copy_only=False))
    unmocked = pol
    if laughing.size:
        quiet = np.zeros(len(distinct))
        quiet[laughing] = scored(analyzer, [LAUGHTER.sub(" ", without_code(distinct[k])) for k in laughing.tolist()])[0]
        unmocked = np.where(np.isin(codes, laughing), quiet[codes], pol)
    rows, cols = np.divmod(pairs, len(brands))
    index = texts.index.to_numpy()[post_of[starts][rows]]
    # as Python ints and floats: the loops below hash and compare them thousands of times
    labels, values, chosen_values = matcher.labels, score.tolist(), own_score.tolist()
    result = {(i, labels[c]): v for i, c, v in zip(index.tolist(), cols.tolist(), values, strict=True)}
    values_of = dict(result)  # (each brand's clauses' mean, before a role changes it)
    as_chosen = dict(zip(result, chosen_values, strict=True))
    voiced = dict(zip(result, said.tolist(), strict=True))  # (how many of its clauses carry sentiment)
    alone = dict(zip(result, alone_score.tolist(), strict=True))
    compared = {key: v for key, v, j in zip(result, joint_score.tolist(), joint_named.tolist(), strict=True) if j}
    foiled = dict(zip(result, foil_score.tolist(), strict=True))
    farewelled = {  # ({(post, brand): its score without farewells} of posts with one)
        key: v for key, v, p in zip(result, unparted.tolist(), parted.tolist(), strict=True) if p
    }
    not_mocked = (
        dict(zip(result, (per_pair(unmocked) / np.maximum(per_pair(unmocked != 0), 1)).tolist(), strict=True))
        if laughing.size
        else result
    )
    # the posts naming one brand (`_own_scores`' picks), and those of them whose brand is picked
    one_brand = {i for i, cell in zip(texts.index.tolist(), names, strict=True) if LIST_SEPARATOR not in cell}
    picked: set = set()
    by_post: dict = {}
    for idx, b in result:
        by_post.setdefault(idx, []).append(b)
    made = getattr(getattr(analyzer, "lex", None), "made", None)  # (cx's, a `cx:FILE`'s own with them)
    post_roles = _roles(results_said(texts), matcher, own, mocked_pattern(tuple(made)) if made else MOCKED)
    denied = _denied({idx: texts.at[idx] for idx, r in post_roles.items() if r[NEITHER_ROLE]}, analyzer)
    after = _picked_after({idx: texts.at[idx] for idx, r in post_roles.items() if r[INSTEAD_ROLE]}, matcher)
    for idx, roles in post_roles.items():
        named = by_post.get(idx, [])
        # a snippet may name a brand its post does not count (an `exclude` phrase cut in two)
        left, chosen, foils, rivals, passed, hedged, shared, ahead, mocked, behind, claimed, unliked, *rest = (
            set(named) & r for r in roles
        )
        level, level_bad, why_of, instead, neither = rest
        if why_of:  # ("this is why people fly B": the others named are the ones left)
            chosen |= why_of
            left |= set(named) - why_of
        # a pick after another brand's complaint ("A cancelled again. Booked B."), or one said to be instead of it
        if instead - left and idx in after:
            before, kind = after[idx]
            if (
                kind == "instead"
                or left
                or kind == "verb"
                and any(values_of[(idx, c)] < -0.05 for c in before - instead)
            ):
                chosen |= instead - left
        if neither and not denied.get(idx):
            level_bad |= neither
        foils = (foils | unliked) - claimed
        # "A paid out next day, not like B" is a dig at B: A's words are what B lacks, A ahead of it however neutral
        # they are (stop 53: both were 0, cx reads nothing in "paid out next day"; stop 54: "unlike B, A paid out"
        # too); not words denied ("unlike B, A doesn't charge fees", "A doesn't answer, unlike B": a lack or a virtue)
        if unliked and not _NEGATED.search(UNLIKE.sub(" ", NOT_LIKE.sub(" ", texts.at[idx]))):
            ahead |= set(named) - unliked
        # a brand passed over ("A over B", "A's legroom over B's") is left, unless clauses naming it alone praise
        # it: in "A's legroom over B's, but B's food is better" B keeps the praise (stop 35)
        left |= {b for b in passed if alone[(idx, b)] <= 0.05}
        # "A vs B: B wins", "A vs B, A loses": the rival without the verdict has the other one; not a pick its own words
        # condemn (stop 54: "A vs B? B it is. Seats are uncomfortable" left A, as "... Graphics are the worst" did not)
        if rivals & chosen and not rivals & left and any(as_chosen[(idx, b)] > -0.05 for b in rivals & chosen):
            left |= rivals - chosen
        elif rivals & left and not rivals & chosen:
            chosen |= rivals - left
        # a farewell naming no brand after a comparison is the brand set against's when the others are praised: in "A
        # is so much better than B, never flying them again" it was A's too (A -0.02, and B, against A, +0.02); in
        # "A is worse than B, never using them again" it stays A's
        if foils - left and farewelled and any((idx, b) in farewelled for b in named):
            kept = {b: farewelled.get((idx, b), result[(idx, b)]) for b in named if b not in foils}
            if kept and sum(kept.values()) / len(kept) > 0:
                result.update({(idx, b): v for b, v in kept.items()})
                left |= foils
        set_by = {}
        # a switch regretted ("moved from A to B and regret it", "switched to B, big mistake"; stop 50: B was +0.5):
        # the brand gone to is the one left, and the one left behind is missed, unless its own clauses say otherwise
        if left and chosen and REGRETTED.search(texts.at[idx]):
            left, missed = chosen - left, left - chosen
            for b in missed:
                if alone[(idx, b)] > -0.05:
                    result[(idx, b)] = max(alone[(idx, b)], CHURN)
                    set_by[b] = "chosen"
            chosen = set()
        if idx in one_brand:
            # a post naming one brand, picked over a product left unnamed ("uninstalled. Crownfire it is", "deleted
            # the app, switching to SeatHero"; stop 53: Crownfire had the post's -0.35, then 0): a win for it as over a
            # product named, unless its own words condemn it ("..., they lost my tickets too"); the negative sentences
            # naming no brand before the pick are the product left's, never the brand picked's; a post that asks picks
            # nothing, unless it answers ("which app? B it is"; stop 54: "fed up. Should I switch to B?" was +0.50, and
            # "thinking of booking B to Denver, any experiences? 🙏" +0.50 once neutral posts were read)
            text = texts.at[idx]
            for b in chosen - left if "?" not in text or ANSWERED.search(text) else ():
                own_words = as_chosen[(idx, b)]
                result[(idx, b)] = max(own_words, CHURN) if own_words > -0.05 else own_words
                picked.add(idx)
                if why is not None and own_words > -0.05:  # (else its own clauses, the default)
                    why[(idx, b)] = "picked"
            continue
        for b in chosen - left:
            if as_chosen[(idx, b)] > -0.05:
                result[(idx, b)] = max(as_chosen[(idx, b)], CHURN)
                set_by[b] = "chosen"
        for b in why_of - left:  # (the complaint around it is the others': only its own clause counts)
            result[(idx, b)] = max(alone[(idx, b)], CHURN)
            set_by[b] = "chosen"
        mocked -= left | chosen
        best = max((result[(idx, b)] for b in named if b not in left | mocked), default=0.0)
        for b in left:
            result[(idx, b)] = min(result[(idx, b)], -max(best, CHURN))
            set_by[b] = "left"
        for b in mocked:  # ("B fans laughing at the A recall"), however neutral the words
            result[(idx, b)] = min(result[(idx, b)], -CHURN)
            set_by[b] = "mocked"
        for b in set(named) - mocked - left - chosen if mocked else ():  # (their words without the laughter)
            result[(idx, b)] = not_mocked[(idx, b)]
        for b in claimed - left - chosen:  # ("... as bad as B claims"): B's words are its clauses naming it alone
            result[(idx, b)] = alone[(idx, b)]
            set_by[b] = "claims"
        # the part compared of a brand ahead or behind another: its clause naming both, or, as cx reads no comparison
        # there, AHEAD ("A is faster than B") or -AHEAD ("A is less comfy than B but cheaper")
        # ("A is faster than B"); with words of its own elsewhere, the lead is one more clause of its mean (stop 53: in
        # "A is faster than B but forgot my drink" A had the complaint alone, -0.41; now mixed, -0.10)
        part = {b: compared[(idx, b)] for b in named if (idx, b) in compared}
        for b, lead, rule in [(b, AHEAD, "ahead") for b in ahead - chosen - foils - left - claimed] + [
            (b, -AHEAD, "behind") for b in behind - ahead - chosen - foils - left - claimed
        ]:
            unread = part.get(b) == 0  # (a comparison cx reads nothing in)
            if b in part and part[b] * lead <= 0:
                part[b] = lead
            # (stop 56: or as good as neutral: "if A were half as fast as B I'd never leave" is +0.02 for both)
            if abs(result[(idx, b)]) < 0.05:
                result[(idx, b)] = lead
                set_by[b] = rule
            elif unread and b not in set_by and result[(idx, b)] == values_of[(idx, b)]:
                n = voiced[(idx, b)]
                result[(idx, b)] = (result[(idx, b)] * n + lead) / (n + 1)
                set_by[b] = rule
        # as good (or bad) as each other on a quality ("A is as reliable as B"), unless their own words say something
        for b, rule, sign in (
            (b, rule, sign) for (rule, sign), brands in zip(LEVEL, (level, level_bad), strict=True) for b in brands
        ):
            if b not in chosen | foils | left | claimed and not result[(idx, b)]:
                result[(idx, b)] = sign * AHEAD
                set_by[b] = rule
        # neither did the complaint ("neither A nor B has ever lost my bag"): both a little positive, as cx reads
        # "neither A nor B lost my bag" (+0.31), unless their words say more
        for b in neither - chosen - foils - left - claimed if denied.get(idx) else ():
            if result[(idx, b)] < 0.05:
                result[(idx, b)] = AHEAD
                set_by[b] = "denied"
        apart = foils | hedged | shared | left | mocked | claimed
        others = [result[(idx, b)] for b in named if b not in apart]
        ref = sum(others) / len(others) if others else 0.0
        # a brand set against the others has the opposite of the part compared, where a clause names both: in "A is
        # less comfy than B but cheaper" not of "but cheaper" (B was -0.33)
        them = [part[b] for b in named if b not in apart and b in part]
        mirrored = sum(them) / len(them) if them else ref
        for b in foils - left:
            # (stop 56: where no clause names it and another, its own comparison's: "staying with A, though their
            # service isn't as good as B's" gave B the opposite of A's, -0.50)
            against = mirrored if them or not foiled[(idx, b)] else foiled[(idx, b)]
            if against:
                result[(idx, b)] = -against
                set_by[b] = "against"
        for b in hedged - foils - left:  # ("A was awful, B not so much": B keeps its own words)
            if ref > 0:
                result[(idx, b)] = -ref
                set_by[b] = "against"
        for b in shared - hedged - foils - left:  # ("A is great, B too"), unless B's own words say something
            if ref and not result[(idx, b)]:
                result[(idx, b)] = ref
                set_by[b] = "shared"
        if why is not None:
            why.update({(idx, b): rule for b, rule in set_by.items()})
    # two brands measured on one axis: the faster, cheaper or more giving is ahead (`_measured`) where its words are
    # neutral, or say nothing but a price's verb (stop 55: in "A charged me $40, B charged $25" cx's "charged" was B's
    # complaint too, -0.16; "B 20 minutes late" stays a complaint); and the one behind praised before its figure, with
    # no "but" after, is praised in irony (stop 55: "Wow A, 90 minutes for a burger, truly impressive. B does it in 25"
    # was A's +0.64), as cx reads "great job A, 3 hours late"
    measured, figured = _measured(parts, post_of, of_brand, texts.index.to_numpy(), labels, matcher)
    if measured:
        besides = np.ones(len(parts), dtype=bool)
        besides[list(figured)] = False
        unfigured = dict(zip(values_of, (per_pair((pol != 0) & besides) == 0).tolist(), strict=True))
        openers = getattr(getattr(analyzer, "lex", None), "openers", None)
        ironic = re.compile(rf"\b(?:{'|'.join(map(re.escape, openers))})\b", re.I) if openers else None
        post_at = {i: k for k, i in enumerate(texts.index.tolist())}
    for (idx, b), (rule, kinds) in measured.items():
        if (idx, b) not in result:
            continue
        v, sign = result[(idx, b)], 1 if rule == "ahead" else -1
        priced = kinds == {"money"} and unfigured[(idx, b)] and v == values_of[(idx, b)]
        if abs(v) < 0.05 or priced and v * sign < 0:
            result[(idx, b)] = sign * AHEAD
        elif rule == "behind" and v > 0.05 and ironic is not None:
            own = [parts[k] for k in np.flatnonzero(of_brand[:, labels.index(b)] & (post_of == post_at[idx])).tolist()]
            if not any(ironic.search(p) for p in own) or any(_CONTRAST_START.match(p) for p in own):
                continue
            result[(idx, b)] = v * analyzer.lex.sarcasm_factor
        else:
            continue
        if why is not None:
            why[(idx, b)] = rule
    # a brand whose words are neutral set against the others': a service done beside their complaint, or "on the other
    # hand" (`_contrasted`)
    for (idx, b), (done, contrast) in _contrasted(parts, of_brand, post_of, texts.index.to_numpy(), labels).items():
        if (idx, b) not in result or abs(result[(idx, b)]) >= 0.05 or idx in one_brand:
            continue
        others = [v for (i, c), v in ((key, result[key]) for key in ((idx, c) for c in by_post[idx])) if c != b]
        ref = sum(others) / len(others) if others else 0.0
        if ref < -0.05 and (done or contrast) or ref > 0.05 and contrast:
            result[(idx, b)] = -AHEAD if ref > 0 else AHEAD
            if why is not None:
                why[(idx, b)] = "against"
    if one_brand:  # (the other posts naming one brand keep the post's score)
        result = {key: v for key, v in result.items() if key[0] not in one_brand or key[0] in picked}
    return result


def _picked_after(texts: dict, matcher) -> dict:
    """{post: (the brands named before its first `INSTEAD` pick, "instead" when the pick says it, else "verb" or, for
    the name alone with "now", "bare")}."""
    found = {idx: m for idx, text in texts.items() if (m := INSTEAD.search(text))}
    if not found:
        return {}
    before = pd.Series([texts[idx][: m.start()] for idx, m in found.items()], dtype=STRING)
    hits = np.asarray(matcher.hits(before), dtype=bool)
    return {
        idx: (
            {matcher.labels[c] for c in np.flatnonzero(row).tolist()},
            "instead" if "instead" in m.group().lower() else "verb" if m.group(1) else "bare",
        )
        for (idx, m), row in zip(found.items(), hits, strict=True)
    }


def _denied(texts: dict, analyzer: Analyzer) -> dict:
    """{post: whether what "neither A nor B" did is a complaint}: its clause without "neither" and "nor" scores
    negative ("A B has ever lost my bag"), or says a complaint cx may read as nothing ("was late")."""
    said = {}
    for idx, text in texts.items():
        if m := NEITHER.search(text):
            end = CLAUSE_END.search(text, m.end())
            said[idx] = _NEITHER_NOR.sub(" ", text[m.start() : end.start() if end else len(text)])
    if not said:
        return {}
    scores = scored(analyzer, list(said.values()))[0]
    return {idx: bool(v < -0.05 or _COMPLAINT_WORD.search(p)) for (idx, p), v in zip(said.items(), scores, strict=True)}


#: a comparison whose subject is a pronoun: "their service isn't as good as B's", "they are worse than B"
_PRONOUN_FOIL = re.compile(rf"\b(?:they|their|them|it|its)\b(?:(?!\bthan\b|\bas\b)[^,.;:!?\n])*{FOIL.pattern}", re.I)


#: a service done, no praise alone, that is praise set beside another brand's complaint (stop 54: "A late again. B
#: boarded right on schedule", "A lost my bag, B delivered it to my hotel" left B 0); and the words that set a brand's
#: clause against the others' ("B on the other hand took an hour" after praise of A: B's 0). Not "got me home", which
#: the written sample of stop 37 labels neutral after "A lost my bag"
#: (stop 56: and "landed", "found it": "A delayed again, meanwhile B landed early", "A lost my bag. B found it": B 0)
DONE = re.compile(
    r"\b(?:(?:right\s+|bang\s+|exactly\s+)?on\s+(?:time|schedule)|delivered|rebooked|refunded|answered|replied|"
    r"responded|arrived|landed|found\s+(?:it|them|my)|got\s+(?:here|there|it\s+to\s+me)|(?:was|were)\s+here|showed\s+up)\b",
    re.I,
)
CONTRASTED = re.compile(r"\b(?:on\s+the\s+other\s+hand|whereas|by\s+contrast|in\s+contrast)\b", re.I)


def _contrasted(parts: list[str], of_brand: np.ndarray, post_of: list[int], index: np.ndarray, labels: list) -> dict:
    """{(post, brand): (a clause of its says a service done, one sets it against the others)} for the clauses with
    either (`DONE`, `CONTRASTED`), negated ones aside ("B never delivered")."""
    out: dict = {}
    # (the clauses with either word found first, in RE2 over all: in Python, 0.25 s of CPU a 50,000 clauses)
    cue = f"(?i){DONE.pattern}|{CONTRASTED.pattern}"
    cued = pc.fill_null(pc.match_substring_regex(pa.array(parts, pa.large_string()), cue), False)
    for k in np.flatnonzero(cued.to_numpy(zero_copy_only=False)).tolist():
        part = parts[k]
        done = DONE.search(part) is not None and not _NEGATED.search(part)
        contrast = CONTRASTED.search(part) is not None
        if done or contrast:
            for c in np.flatnonzero(of_brand[k]).tolist():
                was = out.get((index[post_of[k]], labels[c]), (False, False))
                out[(index[post_of[k]], labels[c])] = (was[0] or done, was[1] or contrast)
    return out


#: how long a brand took, or what it charged (stop 54: "A took 90 minutes, B took 25. not even close" left both 0),
#: and since stop 55 how much it gives ("A gives 30 kg baggage, B only 20 kg", "A has 4 flights a day vs B's 2" were
#: 0, 0): a time (a number with its unit, "3 hours late", "90 minutes for a burger"), money (with its currency, "$40"),
#: or a count of what a customer wants more of (kilos, flights, restaurants, stars); a number alone after "took", "in",
#: "has", "only" or a possessive at its clause's end ("B does it in 25", "B's 2") has the other brand's kind and unit.
#: Not money the customer got ("A paid me $50 back", "a $40 refund") nor a time that is wanted ("the battery lasts 10
#: hours", "open 24 hours")
_UNITS = {"m": 1, "h": 60, "d": 1440, "w": 10080}
_COUNTED = (
    r"kg|kgs|kilos?|lbs?|flights?|departures?|routes?|destinations?|restaurants?|options?|channels?|gb|tb|mbps|stars?|"
    r"inches|cm|lounges?|stores?|locations?|shops?"
)
FIGURE = re.compile(
    r"(?P<money>[$£€])\s?(?P<amount>\d+(?:\.\d+)?)(?![\d%])"
    r"|(?<![\w.$£€])(?P<number>\d+(?:\.\d+)?)(?:\s*(?:(?P<time>min|mins|minutes?|hours?|hrs?|h|days?|weeks?)"
    rf"|(?P<count>{_COUNTED}))\b|(?P<bare>(?<=\d)(?=[^\S\n]*(?:(?:a|per)\s+(?:day|week|month)[^\S\n]*)?(?:[.,;:!?)]|$))))",
    re.I,
)
#: a number alone is a figure after these words only (not "Galaxy Note 7", "Windows 10")
_BARE_AFTER = re.compile(
    r"(?:\b(?:took|takes|waited|in|has|have|had|gives?|gave|offers?|only|just|about|around)|['\u2019]s)[^\S\n]+$", re.I
)
_GIVEN = re.compile(r"\b(?:paid|pays|refund\w*|credit\w*|vouchers?|compensat\w*|back|gave|gives?|offer\w*)\b", re.I)
_WANTED_TIME = re.compile(r"\b(?:last\w*|battery|open|warranty|trial|free|guarantee\w*)\b", re.I)
#: a clause set against the one before it ("A is lovely but took 3 hours": no irony)
_CONTRAST_START = re.compile(rf"\W*{CONTRASTS}", re.I)
#: figures compared in one clause naming both: "A charged $40 vs $25 at B", "A has 4 flights a day vs B's 2"
_VERSUS = re.compile(r"\s+(?:vs\.?|versus|compared\s+(?:to|with)|against)\s+", re.I)


def _figures(text: str) -> list[tuple[str, float, str | None]]:
    """The figures of a clause: (kind, value, unit); kind "time", "money", "count" (more is better) or "bare"."""
    out = []
    for m in FIGURE.finditer(text):
        if m.group("money"):
            if not _GIVEN.search(text):
                out.append(("money", float(m.group("amount")), None))
        elif m.group("time"):
            if not _WANTED_TIME.search(text):
                out.append(("time", float(m.group("number")), m.group("time")[0].lower()))
        elif m.group("count"):
            out.append(("count", float(m.group("number")), m.group("count").lower().rstrip("s")))
        elif _BARE_AFTER.search(text, 0, m.start()):
            out.append(("bare", float(m.group("number")), None))
    return out


def _measured(
    parts: list[str], post_of: list[int], of_brand: np.ndarray, index: np.ndarray, labels: list, matcher
) -> tuple[dict, set]:
    """({(post, brand): ("ahead" or "behind", the kind of figure)}, the clauses holding the figures) of posts where two
    brands, each in clauses of its own, took a time ("A took 90 minutes, B took 25"), charged a price ("A charged me
    $40, B charged $25") or give a count ("A gives 30 kg, B only 20 kg"), or where one clause naming both compares them
    ("A charged $40 vs $25 at B"): the quicker, cheaper or more giving ahead. A post measuring a brand twice on one
    axis, or more than two brands, says none; nor two axes that disagree."""
    owners = of_brand.sum(axis=1)
    digits = pc.fill_null(pc.match_substring_regex(pa.array(parts, pa.large_string()), r"\d"), False)
    digits = digits.to_numpy(zero_copy_only=False)
    found: dict = {}  # {post: [(brand, kind, value, unit, clause)]}
    for k in np.flatnonzero(digits & (owners == 1)).tolist():
        for kind, value, unit in _figures(parts[k]):
            found.setdefault(post_of[k], []).append((labels[int(of_brand[k].argmax())], kind, value, unit, k))
    # (a clause naming both, cut at its "vs": each half names one brand)
    both = [k for k in np.flatnonzero(digits & (owners == 2)).tolist() if _VERSUS.search(parts[k])]
    halves = [(k, h) for k in both for h in _VERSUS.split(parts[k], maxsplit=1)]
    if halves:
        named = np.asarray(matcher.hits(pd.Series([h for _, h in halves], dtype=STRING)), dtype=bool)
        for (k, half), hit in zip(halves, named & of_brand[[k for k, _ in halves]], strict=True):
            if hit.sum() == 1:
                for kind, value, unit in _figures(half):
                    found.setdefault(post_of[k], []).append((labels[int(hit.argmax())], kind, value, unit, k))
    out: dict = {}
    clauses_of: set = set()
    for pos, said in found.items():
        kinds = {kind for _, kind, *_ in said if kind != "bare"}
        if len(kinds) == 1:  # (a number alone has the other's kind)
            said = [(b, next(iter(kinds)) if kind == "bare" else kind, v, u, k) for b, kind, v, u, k in said]
        verdicts: dict = {}
        for kind in kinds:
            axis = [f for f in said if f[1] == kind]
            if len(axis) != 2 or axis[0][0] == axis[1][0]:
                continue
            units = {u for *_, u, _ in axis if u}
            if len(units) > 1 and kind != "time":
                continue
            if len(units) == 1:  # (one unit said once: both in it)
                axis = [(b, kind, v, next(iter(units)), k) for b, kind, v, _, k in axis]
            values = [v * (_UNITS.get(u or "m", 1) if kind == "time" else 1) for _, _, v, u, _ in axis]
            if values[0] == values[1]:
                continue
            ahead = int((values[1] > values[0]) if kind == "count" else (values[1] < values[0]))
            for b, rule in ((axis[ahead][0], "ahead"), (axis[1 - ahead][0], "behind")):
                verdicts.setdefault(b, set()).add((rule, kind))
            clauses_of |= {k for *_, k in axis}
        if verdicts and all(len({rule for rule, _ in r}) == 1 for r in verdicts.values()):
            out.update({(index[pos], b): (next(iter(r))[0], {kind for _, kind in r}) for b, r in verdicts.items()})
    return out, clauses_of


#: a sentence in the present ("claims service is terrible", "graphics are the worst", "the worst airline I've flown",
#: "still no refund") or in the past ("claims service was terrible", "they kept losing my bags"); one with neither
#: (no verb: "terrible claims service", "Terrible.") is neither
_PRESENT = re.compile(
    r"\b(?:is|are|am|isn['\u2019]?t|aren['\u2019]?t|has|have|hasn['\u2019]?t|haven['\u2019]?t|does|do|doesn['\u2019]?t|"
    r"don['\u2019]?t|can['\u2019]?t|cannot|won['\u2019]?t|sucks|keeps|still|now)\b|\w['\u2019](?:s|re|ve|m)\b",
    re.I,
)
#: Stop 55: the past was a hand list of 17 verbs ("they overbooked the flight", "they broke my suitcase", "the agent
#: hung up on me", "their app crashed" after "ditched A. switched to B." were B's complaints, not the reason): now any
#: word in -ed after its subject ("they", "the agent", "my bag"), and the irregular verbs customers use
_IRREGULAR = (
    r"kept|took|lost|got|made|gave|paid|charged|raised|hiked|denied|refused|ignored|broke|sent|went|left|put|hid|"
    r"stole|sold|told|wrote|forgot|threw|tore|ran|came|said|spent|brought|bought|hung|held|let|cut|shut|stuck|swore|"
    r"wore|woke|fell|bent|blew|drove|flew|gotten|ate|overslept|misled|mislaid|overdrew|undercut|spilt|split|sank|shook|"
    r"struck|meant|dealt|couldn['\u2019]?t|wouldn['\u2019]?t|could\s+not|would\s+not"
)
_SUBJECT = (
    r"(?:they|it|he|she|we|i|you|someone|somebody|nobody|no\s+one|(?:the|my|our|their|his|her|its)\s+[a-z]+)"
    r"(?:\s+(?:just|never|also|then|even|again|totally|completely|literally|actually|once|already|somehow))?"
)
_PAST = re.compile(
    r"\b(?:was|were|wasn['\u2019]?t|weren['\u2019]?t|had|hadn['\u2019]?t|did|didn['\u2019]?t|used\s+to|"
    rf"{_IRREGULAR})\b"
    rf"|\b{_SUBJECT}\s+(?!(?:need|feed|speed|proceed|succeed|exceed|bleed|breed|indeed|shed|embed|seed|heed)\b)"
    r"[a-z]{2,}ed\b",
    re.I,
)


def _said_after(
    parts: list[str], opens: np.ndarray, hits: np.ndarray, last: np.ndarray, own_last: np.ndarray, pol: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(the clauses of a sentence naming no brand after a clause naming one, those of them said of the brand named
    there): their sentence is in the present (`_PRESENT`), or has no verb (`_PAST` neither) and the clause before it
    names one brand alone (after one naming both, a switch's "from A to B", it is why A was left). The past is the
    reason for leaving, not said of the brand chosen."""
    named = hits.any(axis=1)
    sentence = np.cumsum(opens) - 1
    branded = np.bincount(sentence, weights=named, minlength=sentence[-1] + 1) > 0
    after = own_last & ~branded[sentence]
    out = np.zeros(len(parts), dtype=bool)
    bounds = np.r_[np.flatnonzero(opens), len(parts)].tolist()
    by_sentence: dict = {}
    for k in np.flatnonzero(after & (pol < 0)).tolist():  # (only a complaint's place matters)
        s = int(sentence[k])
        if s not in by_sentence:
            words = " ".join(parts[bounds[s] : bounds[s + 1]])
            alone = hits[last[bounds[s]]].sum() == 1
            by_sentence[s] = _PRESENT.search(words) is not None or (_PAST.search(words) is None and alone)
        out[k] = by_sentence[s]
    return after, out


#: "and" between two brands' clauses: "A was on time and B lost my bag"; not in a list of them ("A and B
#: both", "I love A and B for short hops", "A and B too")
AND = re.compile(r"\s+(?=and\s)", re.I)
_TOGETHER = re.compile(r"\b(?:both|too|also|as\s+well|either|neither|alike)\b", re.I)
_AND_ONLY = re.compile(r"\s*and\W*")  # (a folded piece whose brands' names are blanked: "and B" at a clause's end)


def _named(names: list[str], matcher: BrandLocator) -> np.ndarray:
    """Posts x brands: the brands each post names (`names`: its `brands` cell)."""
    cells = pc.binary_join_element_wise(LIST_SEPARATOR, pa.array(names, pa.string()), LIST_SEPARATOR, "")
    own = np.zeros((len(names), len(matcher.labels)), dtype=bool)
    for j, label in enumerate(matcher.labels):
        found = pc.match_substring(cells, LIST_SEPARATOR + label + LIST_SEPARATOR)
        own[:, j] = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return own


#: the roles of a brand left (`leaves_its_brand`): a farewell (`LEFT`) and the switches from one brand to another; not
#: a loss ("A lost to B", a match), which names no brand left by its customer
LEAVING = tuple(r for r in ROLES if r[0] in (LEFT, ALONE, LEFT_FOR, TO_FROM, SWITCH_REASON, ARROW, OUT_BEFORE))
#: a word one of the switches needs, in a post naming several brands (`LEFT_CUE` in one naming one: a switch names two)
SWITCH_CUE = "|".join(f"(?:{cue})" for pattern, cue, _, _ in LEAVING)
#: the words a farewell needs, in a post naming one brand
ONE_CUE = "|".join(f"(?:{cue})" for cue in (LEFT_CUE, ALONE_CUE, OUT_BEFORE_CUE))
#: the roles of a brand chosen instead ("switched from A to B"), read beside `LEAVING`'s: a competitor left for one of
#: our brands is no complaint
CHOOSING = tuple(r for r in ROLES if r[0] in (CHOSEN, NEXT_TIME, CHOSEN_BEFORE))


def leaves_its_brand(df: pd.DataFrame, brands: list[Brand], rows: np.ndarray | None = None) -> np.ndarray:
    """Which posts leave a brand they name, as `per_brand` reads a brand left (`LEAVING`): "I left A after 10 years",
    "after 10 years with A, I left", "never flying A again", and of a post naming several, "I left A for B",
    "switched from A to B", "A → B". A post naming one keeps its score, neutral in these words, and one naming several
    its overall one, so its intent says it (a complaint; stop 46: none was queued; stop 47: "I left A for B" was no
    complaint, the queue's "negative" of A alone), unless A is a competitor and B one of ours (our win). Of the posts
    `rows` marks alone (all without): those whose intent it could still decide; the chunk's scans are kept
    (`matching.kept`)."""
    out = np.zeros(len(df), dtype=bool)
    if not brands or df.empty or "brands" not in df or rows is not None and not rows.any():
        return out
    cells = pa.array(df["brands"].astype(STRING), type=pa.large_string(), from_pandas=True)
    named = pc.fill_null(pc.not_equal(cells, ""), False)
    if rows is not None:
        named = pc.and_(named, pa.array(rows))
    none = pa.scalar(None, pa.large_string())
    texts = pc.if_else(named, pa.array(df["text"].astype(STRING), type=pa.large_string(), from_pandas=True), none)
    several = pc.fill_null(pc.match_substring(cells, LIST_SEPARATOR), False)
    cued = pc.or_kleene(  # (null or true: true)
        pc.match_substring_regex(pc.if_else(several, none, texts), ONE_CUE, ignore_case=True),
        pc.match_substring_regex(pc.if_else(several, texts, none), SWITCH_CUE, ignore_case=True),
    )
    rows = np.flatnonzero(pc.fill_null(cued, False).to_numpy(zero_copy_only=False))
    if not len(rows):
        return out
    matcher = BrandLocator(brands)
    texts = pd.Series(df["text"].iloc[rows].to_numpy(object), index=rows)
    with kept():  # (their words' folds and scans: the chunk's are topics' next)
        roles = _roles(texts, matcher, _named(df["brands"].iloc[rows].tolist(), matcher), patterns=LEAVING + CHOOSING)
    # (not a competitor left for one of ours, "I left Aerolux for Skyway": Skyway's win, which a report's intents
    # table counted as a complaint in Skyway's row and `queue --for-brand Skyway` listed; review of stop 47)
    theirs = {b.name for b in brands if b.competitor}
    won = {b.name for b in brands if not b.competitor}
    out[[k for k, (left, chosen, *_) in roles.items() if left and not (left <= theirs and chosen & won)]] = True
    return out


def _split_and(parts: list[str], post_of: list[int], matcher) -> tuple[list[str], list[int]]:
    """The clauses with those naming a brand and then "and" and a brand split before the "and", when what comes
    before it is a clause of its own: it does not end with the brand ("A was on time and B lost my bag"), or the
    brand after "and" is one named before ("switched from A to B and B lost my bag"; stop 35), or it names no brand
    after a clause naming one ("great job A, 3 hours late and B lost my bag"; stop 55). Words that join the
    brands ("both", "too", "as well") after the "and" keep the clause whole, and so does a brand with no words after
    it ("A lost my bag and B"); an "and" in a brand's name ("Marks and Spencer") splits nothing."""
    anded = [k for k, part in enumerate(parts) if " and " in part.lower()]
    if not anded:
        return parts, post_of
    whole = [parts[k] for k in anded]
    folded = fold_series(pd.Series(whole, dtype=STRING)).tolist()
    names: dict = {}
    rows, _, starts, ends = matcher.spans(pd.Series(folded, dtype=STRING))
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        names.setdefault(row, []).append((start, end))
    pieces, of = [], []
    for j, (k, part) in enumerate(zip(anded, whole, strict=True)):
        inside = _in_text(names.get(j, ()), part, folded[j])
        at = 0
        for m in AND.finditer(part):
            if not any(s < m.end() <= e for s, e in inside):
                pieces.append(part[at : m.start()])
                of.append(k)
                at = m.end()
        pieces.append(part[at:])
        of.append(k)
    # which brands each piece names, whether it ends with one (as `_before_last_brand`), and whether it is "and"
    # and brands alone, from one scan
    folded = fold_series(pd.Series(pieces, dtype=STRING))
    rows, labels, starts, ends = matcher.spans(folded)
    hits = np.zeros((len(pieces), len(matcher.labels)), dtype=bool)
    hits[rows, labels] = True
    ends_with_brand = np.zeros(len(pieces), dtype=bool)
    texts = folded.tolist()
    bare = list(texts)  # (the pieces with their brands' names blanked)
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        ends_with_brand[row] |= _BRAND_END.fullmatch(texts[row].rstrip(" ,"), end + 1) is not None  # (a list: "A, B,")
        bare[row] = bare[row][:start] + " " * (end + 1 - start) + bare[row][end + 1 :]
    last = np.append(np.diff(of) != 0, True)
    names_only = [bool(hits[k].any() and last[k] and _AND_ONLY.fullmatch(bare[k])) for k in range(len(pieces))]
    # a clause naming no brand before "and" and a brand, after a clause of its post naming one, is that brand's: in
    # "great job A, only 3 hours late and B lost my bag" the delay was B's, and the praise of A read as praise (A +0.53)
    heads = {of[k] for k in range(1, len(pieces)) if of[k] == of[k - 1] and hits[k].any()} - {
        of[k] for k in range(len(pieces)) if hits[k].any() and (k == 0 or of[k] != of[k - 1])
    }
    after_brand = _named_before(parts, post_of, sorted(heads), matcher)
    split_of: dict = {}  # {part: its clauses}
    first = 0  # the first piece of the clause being built
    for k in range(len(pieces)):
        if joined := k > 0 and of[k] == of[k - 1]:
            named = hits[first:k].any(axis=0)  # the brands of the clause so far
            own = hits[k].any() and named.any() and (not ends_with_brand[k - 1] or (hits[k] & named).any())
            own = own or (
                hits[k].any()
                and not named.any()
                and of[k] in after_brand
                and any(w.isalnum() for w in " ".join(pieces[first:k]).split())
            )
            joined = not own or names_only[k] or _TOGETHER.search(pieces[k]) is not None
        if joined:
            split_of[of[k]][-1] += " " + pieces[k]
        else:
            first = k
            split_of.setdefault(of[k], []).append(pieces[k])
    out, out_of = [], []
    for k, part in enumerate(parts):
        split = split_of.get(k, [part])
        out += split
        out_of += [post_of[k]] * len(split)
    return out, out_of


#: a clause that is brands' names alone (blanked as NUL), and the start of one that goes on a list of them: "B and C all
#: lost my bag", "and C lost my bag"
_LISTED = re.compile(r"[\W_]*(?:(?:and|or|nor|the)\b[\W_]*)*")
_LIST_END = re.compile(r"[\s#@]*(?:(?:and|or|nor|&)\s+[#@]?)?\x00+(?:[\s,]*(?:and|or|nor|&)?\s+[#@]?\x00+)*")
_JOINED = re.compile(r"\b(?:and|or|nor)\b|&")


def _join_lists(parts: list[str], post_of: list[int], matcher) -> tuple[list[str], list[int]]:
    """The clauses with a list of brands split at its commas made one again: "A, B and C all lost my stuff" was the
    clauses "A" and "B and C all lost my stuff", and A had none of it (stop 56). Clauses that name brands alone join
    the next clause of their post when it starts with brands joined by "and" or "or" and then has words of its own, or
    when they end with "and" and a brand and it names none ("A, B and C, they all lost my bag"); "A, B was great" (a
    greeting) and "Worst this year: A, B and C" (a heading's items) stay apart."""
    if len(parts) < 2:
        return parts, post_of
    folded = fold_series(pd.Series(parts, dtype=STRING))
    blanked = folded.tolist()
    named = np.zeros(len(parts), dtype=bool)
    rows, _, starts, ends = matcher.spans(folded)
    for row, start, end in sorted(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True), reverse=True):
        blanked[row] = blanked[row][:start] + "\x00" * (end + 1 - start) + blanked[row][end + 1 :]
        named[row] = True
    bare = [bool(named[k] and _LISTED.fullmatch(b.replace("\x00", " "))) for k, b in enumerate(blanked)]
    out, out_of, run = [], [], []  # (run: the bare clauses waiting for the clause that ends their list)
    for k, part in enumerate(parts):
        if run and post_of[run[0]] != post_of[k]:
            out += [parts[j] for j in run]
            out_of += [post_of[j] for j in run]
            run = []
        if bare[k]:
            run.append(k)
            continue
        m = _LIST_END.match(blanked[k]) if run and named[k] else None
        ends = m and m.end() and _JOINED.search(m.group()) and re.search(r"\w", blanked[k][m.end() :])
        # (or the list is whole, "A, B or C", and the clause after it names none: "A, B or C, they all lost my bag")
        ends = ends or len(run) > 1 and not named[k] and _JOINED.search(blanked[run[-1]])
        if ends:
            out.append(", ".join([parts[j].strip() for j in run] + [part]))
            out_of.append(post_of[k])
        else:
            out += [parts[j] for j in run] + [part]
            out_of += [post_of[j] for j in run] + [post_of[k]]
        run = []
    out += [parts[j] for j in run]
    out_of += [post_of[j] for j in run]
    return out, out_of


def _named_before(parts: list[str], post_of: list[int], at: list[int], matcher) -> set[int]:
    """Those of the clauses `at` after a clause of their post naming a brand."""
    before: dict = {}  # {clause: the clauses of its post before it}
    for k in at:
        j = k
        while j > 0 and post_of[j - 1] == post_of[k]:
            j -= 1
        before[k] = range(j, k)
    earlier = sorted({j for r in before.values() for j in r})
    if not earlier:
        return set()
    named = np.asarray(matcher.hits(pd.Series([parts[j] for j in earlier], dtype=STRING)), dtype=bool).any(axis=1)
    branded = {j for j, hit in zip(earlier, named.tolist(), strict=True) if hit}
    return {k for k, r in before.items() if branded.intersection(r)}


#: an aside naming a brand, after its subject: a noun phrase, "B's chief competitor", "the owner of B", "a B company"
APPOSITIVE = re.compile(
    r"\W*(?:(?:the|a|an|one\s+of)\s+|[^\s,.;:!?]+(?:\s+[^\s,.;:!?]+)?['\u2019]s\s+)(?!.*\b(?:is|are|was|were|has|have|"
    r"had|will|would|can|could|do|does|did|not|never)\b)[^.!?]*",
    re.I,
)


#: a subject that is a clause of its own ("I flew A, B's app, so annoying"), and words after an aside that start a new
#: clause, not the subject's predicate
_NOT_SUBJECT = re.compile(r"\b(?:i|we|you|they|he|she|it|me|us|my|our|your|their)\b", re.I)
_NOT_PREDICATE = re.compile(r"\W*(?:so|and|but|then|though|still|lol|ugh|also|too|both)\b", re.I)
_LOWER_ED = re.compile(r"\b[a-z]\w+ed\b")  # (a verb, "Delta's plane landed"; not a brand's name, "United")


def _asides(parts: list[str], post_of: np.ndarray, hits: np.ndarray, pol: np.ndarray) -> np.ndarray:
    """The clauses that are an aside naming a brand, with no sentiment and no verb (in -ed, lower case),
    between a subject naming another (three words at most, "Yet Burger King") and the rest of its sentence, which names
    none: "Yet A, B's chief competitor, manages to ..."."""
    out = np.zeros(len(parts), dtype=bool)
    named = hits.any(axis=1)
    for k in np.flatnonzero(named[1:-1] if len(parts) > 2 else []).tolist():
        a = k + 1
        if not (post_of[a - 1] == post_of[a] == post_of[a + 1]) or not named[a - 1] or named[a + 1]:
            continue
        if _NOT_SUBJECT.search(parts[a - 1]) or _NOT_PREDICATE.match(parts[a + 1]):
            continue
        if (hits[a] & hits[a - 1]).any() or len(parts[a - 1].split()) > 3 or len(parts[a].split()) > 6:
            continue
        if parts[a - 1].rstrip().endswith((".", "!", "?")) or parts[a].rstrip().endswith((".", "!", "?")):
            continue
        if (
            pol[a] == 0
            and APPOSITIVE.fullmatch(parts[a])
            and not _LOWER_ED.search(parts[a])
            and not _PAST.search(parts[a])
        ):
            out[a] = True
    return out


#: where a clause of reason or time starts: "thinking about B or C after this A mess", "moved to B because A kept
#: delaying", "using B since A went down"
REASON = re.compile(r"\s+(?=(?:after|because|since)\s)", re.I)
_REASON_CUE = r"\s(?:after|because|since)\s"


def _reasons_first(parts: list[str], post_of: list[int], matcher) -> tuple[list[str], list[int]]:
    """The clauses with a clause of reason or time that names a brand the words before it do not, and words of its
    own, made a clause of its own and put before them (stop 49: "thinking about B or C after this A mess" was one
    clause, A's mess all three brands' -0.33): its words are its brand's, and the clauses after it still belong to
    the brands of the main clause ("using B since A went down, loving it"). A brand named before and after it ("moved
    from A to B because B is cheaper"), or with no words of its own ("B is better after A"), keeps the clause whole;
    "after" in a brand's name ("After Hours") splits nothing."""
    cued = pc.match_substring_regex(pa.array(parts, pa.large_string()), _REASON_CUE, ignore_case=True)
    at = np.flatnonzero(pc.fill_null(cued, False).to_numpy(zero_copy_only=False)).tolist()
    if not at:
        return parts, post_of
    whole = [parts[k] for k in at]
    folded = fold_series(pd.Series(whole, dtype=STRING)).tolist()
    found: dict = {}
    for row, label, start, end in zip(
        *(a.tolist() for a in matcher.spans(pd.Series(folded, dtype=STRING))), strict=True
    ):
        found.setdefault(row, []).append((label, start, end))
    split: dict = {}  # {part: (the reason, the main clause)}
    for j, (k, part) in enumerate(zip(at, whole, strict=True)):
        named = found.get(j, [])
        inside = _in_text([(s, e) for _, s, e in named], part, folded[j])
        if len(inside) != len(named):
            continue
        for m in REASON.finditer(part):
            if any(s < m.end() <= e for s, e in inside):
                continue
            before = {label for (label, _, _), (_, e) in zip(named, inside, strict=True) if e < m.start()}
            after = [(label, s, e) for (label, _, _), (s, e) in zip(named, inside, strict=True) if s >= m.end()]
            bare = list(part)
            for _, s, e in after:
                bare[s : e + 1] = " " * (e + 1 - s)
            words = "".join(bare[m.end() :]).split()[1:]  # (its own words, after its "after")
            if before and {label for label, _, _ in after} - before and any(w.isalnum() for w in words):
                split[k] = (part[m.end() :], part[: m.start()])
                break
    if not split:
        return parts, post_of
    out, out_of = [], []
    for k, (part, post) in enumerate(zip(parts, post_of, strict=True)):
        pieces = split.get(k, (part,))
        out += pieces
        out_of += [post] * len(pieces)
    return out, out_of


def _in_text(spans, text: str, folded: str) -> list[tuple[int, int]]:
    """The (start, end) places in `text` of `spans` of its `folded` text. The same where folding kept the length;
    else from each character's fold (`…` is `...`, `½` `1⁄2`): as the length was checked, the brand "Marks and
    Spencer" in a post with an ellipsis was cut at its "and". None when the characters' folds are not the text's."""
    if not spans or len(folded) == len(text):
        return list(spans)
    ends = np.cumsum([len(fold(c)) for c in text])  # (only posts naming a brand, with " and ", that folding resized)
    if not len(ends) or ends[-1] != len(folded) or "".join(fold(c) for c in text) != folded:
        return []
    at = np.searchsorted(ends, np.array(spans).ravel(), side="right").reshape(-1, 2)
    return [(int(s), int(e)) for s, e in at]


#: where the predicate an ellipsis leaves out was said ends: a sentence, a colon's or "but"'s clause (not a comma's:
#: "A is never, ever, late. B always is")
_PREDICATE_START = re.compile(r"[.;!?\n]|:(?!\S)|\bbut\b", re.I)
_PREDICATE_REACH = 300


def _predicate_negated(text: str, at: int) -> bool:
    """Whether the clause before the one ending at `at` (B's, "B always is") is negated: the predicate B's clause
    leaves out is there. A negation anywhere before it flipped B ("No joke. A is late again. B always is" made B
    positive). Looked for in the `_PREDICATE_REACH` characters before `at`: from the post's start, a post of many
    "B always is," took time growing with the square of its length (9.8 s for 68 kB)."""
    lo = max(0, at - _PREDICATE_REACH)
    own = max((m.end() for m in CLAUSE_END.finditer(text, lo, at)), default=lo)  # (where B's clause starts)
    start = max((m.end() for m in _PREDICATE_START.finditer(text, lo, max(own - 1, lo))), default=lo)
    return _NEGATED.search(text, start, own) is not None


def _before(text: str, at: int) -> str:
    """The (up to three) words of the clause before `at` (`_after_last_stop` cuts them)."""
    return " ".join(CLAUSE_END.split(text[:at])[-1].split()[-3:])


def _named_alone(text: str, at: int) -> bool:
    """Whether the clause before `at` is a name alone, or "I fly" and one ("Delta every time", "I fly Delta every
    time"), not "same thing happens with Delta" (review of stop 50: "... with Delta every time" chose Delta)."""
    words = CLAUSE_END.split(text[:at])[-1].split()
    return len(words) <= 3 and not any(w.lower() in ("with", "at", "on", "by", "in", "same") for w in words)


def _not_picked(text: str, m: re.Match, matcher) -> bool:
    """Whether "B it is" answers a question of no choice ("Worst airline of the year? Skyway it is", "Who lost my bag
    this time? Skyway it is": B was +0.50) or trails off to what follows ("Skyway it is... another delay"), no pick:
    "A or B? B it is" picks (review of stop 52). One the next sentence condemns ("Crownfire it is! the worst game I've
    played", "B it is. Graphics are the worst") is a pick whose own words condemn it (`_said_after`, stop 54)."""
    if text.startswith(("..", "\u2026"), m.end()):
        return True
    head = text[: m.start()]
    asked = head.rfind("?")
    if asked < 0 or re.search(r"[.!;\n]", head[asked + 1 :]) or len(head[asked + 1 :].split()) > 3:
        return False
    question = re.split(r"[.!?;\n]", head[:asked])[-1]
    return not re.search(r"\b(?:or|vs|versus)\b", question, re.I)


def _after_last_stop(snippets: list[str], matcher) -> list[str]:
    """Each snippet (folded) after its last STOP word that is no part of a brand's name: in "switched from A to B
    from now on" the words before "from now on" name B alone, but "After Hours wins" names the brand After Hours
    (its "after" cut it, stop 35); the matcher's spans of all snippets at once."""
    folded = fold_series(pd.Series(snippets, dtype=STRING))
    out = folded.tolist()
    rows, _, starts, ends = matcher.spans(folded)
    names: dict = {}
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        names.setdefault(row, []).append((start, end))
    for row, text in enumerate(out):
        inside = names.get(row, ())
        stops = [m.end() for m in STOP_WORD.finditer(text) if not any(s <= m.start() <= e for s, e in inside)]
        if stops:
            out[row] = text[stops[-1] :]
    return out


#: what may follow a brand that ends the words before a cue: the rest of the word of a prefix term (`Skyway*`:
#: "SkywayAir"), a possessive
_BRAND_END = re.compile(r"\w*(?:['\u2019]s?)?")


def _before_last_brand(snippets: list[str], matcher) -> list[str]:
    """Each snippet (folded) up to the brand named by its last word or words ("I chose Delta Air Lines" is "i
    chose ", also with the term "Delta"; "Delta's": ""), or whole when it does not end with one ("Delta flew");
    the matcher's spans of all snippets at once."""
    folded = fold_series(pd.Series(snippets, dtype=STRING))
    out = folded.tolist()
    rows, _, starts, ends = matcher.spans(folded)
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        text = folded.iat[row]
        if _BRAND_END.fullmatch(text, end + 1) and start < len(out[row]):
            out[row] = text[:start]
    return out


def _roles(texts: pd.Series, matcher, own: np.ndarray, mocking: re.Pattern = MOCKED, patterns: tuple = ROLES) -> dict:
    """{post index: (brands left, chosen instead, set against the others, rivals, passed over)}, from the
    words around each mention (`patterns`, of ROLES) of the brands each post names (`own`: posts x brands); all
    snippets go through the matcher in one batch. `mocking` is `MOCKED` with the analyzer's `[mockery] made`."""
    keys, snippets, match_of, matches, post_of = [], [], [], 0, []
    cut = []  # the snippets to cut at the brand they end with (PREFERRED's words before)
    stopped = []  # the snippets to cut after their last STOP word (the words before a cue)
    values = texts.tolist()
    arr, index = pa.array(values, pa.large_string()), texts.index.tolist()
    scanned: dict = {}  # (each cue scanned once: the qualities' patterns share one)
    for pattern, cue, group_roles, before_role in patterns:
        if cue not in scanned:
            cued = pc.match_substring_regex(arr, cue, ignore_case=True).to_numpy(zero_copy_only=False)
            scanned[cue] = np.flatnonzero(cued).tolist()
        for k in scanned[cue]:
            text = values[k]
            for m in (mocking if pattern is MOCKED else pattern).finditer(text):
                if (
                    pattern is PICKED
                    and m.group().split()[0].lower().startswith(("every", "it"))
                    and not _named_alone(text, m.start())
                ):
                    continue  # ("same thing happens with B every time" is how often, no pick)
                if (
                    pattern is PICKED
                    and m.group().split()[0].lower().startswith("it")
                    and _not_picked(text, m, matcher)
                ):
                    continue
                if pattern is CHOSEN and m.group().lower().startswith("hello") and not BYE.search(text, 0, m.start()):
                    continue  # (a greeting: "hello B, where is my bag?")
                named = [(r, g) for r, g in zip(group_roles, m.groups(), strict=True) if g is not None]
                if before_role is not None:
                    role = before_role
                    # (B's "never" against the others' words, or "always" after a negation in their clause)
                    if pattern is ELLIPSIS_BEFORE:
                        denied = m.group().split()[0].lower() == "never"
                        role = FOIL_ROLE if denied != _predicate_negated(text, m.start()) else SHARED_ROLE
                    named.append((role, before := _before(text, m.start())))
                    stopped.append(len(snippets) + len(named) - 1)
                if preferring := pattern in (PREFERRED, PREFERRED_BELOW, PICKED):  # (the brand ends the words before:
                    named.append((NAMES_NO_BRAND, before))  # without it, none is named)
                    stopped.append(len(snippets) + len(named) - 1)
                keys += [(index[k], role) for role, _ in named]
                post_of += [k] * len(named)
                snippets += [snippet for _, snippet in named]
                match_of += [matches] * len(named)
                matches += 1
                if preferring:
                    cut.append(len(snippets) - 1)
    roles: dict = {}
    if not snippets:
        return roles
    if stopped:
        for at, rest in zip(stopped, _after_last_stop([snippets[at] for at in stopped], matcher), strict=True):
            snippets[at] = rest
    if cut:
        for at, rest in zip(cut, _before_last_brand([snippets[at] for at in cut], matcher), strict=True):
            snippets[at] = rest
    for idx, role in keys:
        if idx not in roles and role >= 0:
            roles[idx] = tuple(set() for _ in range(NEITHER_ROLE + 1))
    # the hits' (snippet, brand) pairs at once, not a flatnonzero per snippet
    hits = matcher.hits(pd.Series(snippets, dtype=STRING)) & own[post_of]
    # a match counts only if each of its snippets names a brand: in "from Boston to Denver on Skyway" or "left
    # my phone on the Skyway flight for an hour" nobody was left or chosen
    match_of, kinds = np.asarray(match_of), np.asarray([role for _, role in keys])
    has_brand = hits.any(axis=1)  # (and one that must name none, `NAMES_NO_BRAND`, names none)
    whole = np.bincount(match_of[has_brand != (kinds != NAMES_NO_BRAND)], minlength=matches) == 0
    wanted = (kinds >= 0) & whole[match_of]
    rows, cols = np.nonzero(hits & wanted[:, None])
    for k, c in zip(rows.tolist(), cols.tolist(), strict=True):
        idx, role = keys[k]
        roles[idx][role].add(matcher.labels[c])
    return roles
