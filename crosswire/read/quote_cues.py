"""The cue lexicon of quote extraction (lemmas), curated from newswire usage and PolNeAR's train split.

Never tuned on PolNeAR dev. ``crosswire.read.quotes`` reads these sets; they are data, not code.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_LEMMAS = _words(
    """say tell add announce claim state insist warn report note explain deny confirm accuse argue
    write ask respond reply recall declare acknowledge admit suggest tweet promise vow pledge predict
    urge propose reveal indicate mention comment stress emphasize assert contend maintain concede
    complain joke quip boast brag testify allege question dismiss denounce counter agree conclude
    observe point caution threaten demand recount remark repeat reiterate retort signal hint lament
    estimate describe criticize praise call continue shout tout speculate disclose inform assure
    advise recommend concur disagree object protest plead swear blast slam charge endorse support
    oppose defend back echo blame attack challenge condemn reject highlight discuss address refer
    talk speak assail decry applaud welcome hail mock ridicule apologize rail vote urge push
    decline refuse express offer post raise present imply allude answer portray remind recognize
    recite release voice downplay liken compare characterize label dub brand term list
    email rip pounce eviscerate lambaste chide scold berate fault knock tout herald
    laud commend celebrate thank credit congratulate acclaim cheer insinuate muse vent decry
    predict project forecast order unveil outline
    weigh chime lash slap jab needle tease rebuke rebuff scoff sneer contradict
    dispute rebut refute correct clarify specify detail elaborate summarize recap"""
)
COGNITION_LEMMAS = _words(
    """believe think know feel hope fear expect want worry doubt wonder consider assume suspect
    understand realize imagine intend plan prefer wish see view favor embrace seek remember
    sense deem regard like love hate dislike trust distrust prefer predict anticipate
    bet count acknowledge recognize envision foresee guess reckon presume suppose"""
)
EVIDENCE_LEMMAS = _words("show find suggest indicate reveal")
CUE_LEMMAS = SPEECH_LEMMAS | COGNITION_LEMMAS | EVIDENCE_LEMMAS

# Cues whose direct object can be what is said, believed or opposed ("denied the report").
OBJECT_LEMMAS = _words(
    """announce deny confirm accuse urge propose reveal recall acknowledge admit repeat reiterate
    describe criticize praise call endorse support oppose defend back echo blame attack challenge
    condemn reject highlight discuss address assail decry applaud welcome hail mock ridicule
    dismiss question denounce tout predict demand promise pledge want fear expect seek favor
    embrace view see consider express offer post raise present answer portray recognize
    show find indicate recount recite release voice downplay liken compare characterize label
    dub brand term list report mention note remember like love hate dislike
    trust distrust deem regard lambaste chide scold berate fault knock herald laud commend
    celebrate thank credit congratulate acclaim unveil outline rebuke rebuff contradict
    dispute rebut refute clarify detail summarize estimate project forecast
    eviscerate slam blast suggest sense envision anticipate"""
)

# Cues whose content follows a preposition ("called for X", "talked about X").
PREP_CUES: dict[str, frozenset[str]] = {
    "call": _words("for on"),
    "talk": _words("about"),
    "speak": _words("about of"),
    "refer": _words("to"),
    "complain": _words("about"),
    "warn": _words("about of against"),
    "argue": _words("for against"),
    "push": _words("for"),
    "apologize": _words("for"),
    "vote": _words("for against"),
    "ask": _words("about for"),
    "point": _words("to"),
    "rail": _words("against"),
    "think": _words("about of"),
    "worry": _words("about"),
    "hope": _words("for"),
    "comment": _words("on"),
    "write": _words("about"),
    "joke": _words("about"),
    "boast": _words("about"),
    "brag": _words("about"),
    "insist": _words("on"),
    "respond": _words("to"),
    "object": _words("to"),
    "allude": _words("to"),
    "wonder": _words("about"),
    "rip": _words("into"),
    "pounce": _words("on"),
    "weigh": _words("in on"),
    "chime": _words("in on"),
    "lash": _words("out at"),
    "lie": _words("about"),
    "agree": _words("with on"),
    "disagree": _words("with on"),
    "count": _words("on"),
    "bet": _words("on"),
    "know": _words("about of"),
    "remark": _words("on upon"),
    "testify": _words("about to"),
    "vent": _words("about"),
    "muse": _words("about on"),
    "speculate": _words("about on"),
    "elaborate": _words("on"),
    "react": _words("to"),
    "reply": _words("to"),
    "hint": _words("at"),
    "scoff": _words("at"),
    "sneer": _words("at"),
    "care": _words("about"),
    "dream": _words("of about"),
}
OBJECT_PREPS = _words("of as for to")  # "accused X of Y", "described X as Y", "blamed X for Y"
LEMMA_FIXES = {"hop": "hope"}  # the small model lemmatizes "hoping" to "hop"

# Nouns that name a statement or stance: "Trump's claim that X", "her criticism of Y", "a call by X for Y".
NOUN_CUES = _words(
    """claim statement remark comment criticism critique suggestion attack call endorsement assertion
    warning accusation denial promise pledge proposal argument allegation announcement insistence
    admission charge demand plea vow prediction assessment contention complaint condemnation
    praise defense rejection dismissal objection opposition support description characterization
    recommendation request threat boast acknowledgment acknowledgement assurance confirmation
    apology appeal concession insinuation"""
)
# Nouns naming a stance, a statement when their holder's is what follows "is": "my view is that X".
STANCE_NOUNS = NOUN_CUES | _words(
    """view impression advice position belief opinion concern worry fear hope goal message point
    theory guess feeling sense thinking answer response reaction reply explanation verdict conclusion
    argument case bet instinct hunch understanding expectation question doubt"""
)
# Verbs that turn a stance noun into an act: "raised questions about Y", "expressed concern that Y".
LIGHT_VERBS = _words(
    "raise express voice offer issue make level launch deliver pose air lodge renew repeat share"
)
# "X, a backer of Y": nouns naming someone by a stance on Y.
AGENT_NOUNS = _words("supporter backer proponent opponent critic advocate defender champion detractor")
# "X came out in support of Y", "voted in favor of Y".
STANCE_PREP_NOUNS = _words("support favor favour opposition defense defence protest")
NOUN_CONTENT_PREPS = _words("of on about against for to over")
# Nouns naming a source of findings: "in a CNN poll, X leads".
SOURCE_NOUNS = _words("poll survey study report analysis review audit census tally count interview statement")
# "In an interview, X said": X is the source, not the interview.
SPOKEN_SOURCES = _words("interview statement")

VIA_LEMMAS = frozenset({"cite", "quote"})  # "citing Y", "quoted X as saying": intermediate sources
MEDIUM_NOUNS = _words("statement interview release email letter tweet post speech conference call briefing")
APPEARANCE_LEMMAS = _words("seem appear")  # "X seems Y": an attribution without a source
