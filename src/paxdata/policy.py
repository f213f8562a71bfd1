"""The policy object: how strict to be and how much to accept.

One value decides strictness and limits for a whole parse, instead of flags threaded through
every function (the standard library ``email`` package's policies work the same way).
"""

from __future__ import annotations

import attrs

__all__ = ["LENIENT", "STRICT", "Policy"]


@attrs.frozen(slots=True)
class Policy:
    """How a parse treats defects, and the limits it enforces.

    ``strict``: raise :class:`~paxdata.errors.DefectError` at the first defect of severity
    ``error`` (control counts, malformed UNA, undecodable bytes, unknown segment tags...).
    Lenient parsing (the default) records every defect on the result and goes on.
    Defects of severity ``warning`` and ``info`` never raise.

    Limits (exceeding one is a located error, never an allocation):

    ``max_segment_length``: characters in one segment (default 1,000,000).
    ``max_elements``: data elements in one segment (default 1,000).
    ``max_bag_tag_run``: bag tags expanded from one ``FTX+BAG`` run (default 99; a longer
    run keeps its first tag and count, with a warning).
    ``max_travellers_per_message``: travellers read from one message (default 100,000; the
    UN PAXLST directories allow 99,999 name groups). The rest of the message is counted,
    not read, with a located error.
    ``max_defects_per_kind``: defects of one kind listed per interchange (or message)
    before the rest are only counted, in one summary defect (default 100).

    ``show_values``: defect and error messages quote the data values they are about (a
    date of birth that is not a date, the start of skipped text). Off by default: messages
    name the place and the rule, and personal data stays out of logs unless asked for.
    Codes, qualifiers, tags and envelope references are always shown.

    A segment longer than ``max_segment_length`` keeps only its first 1,024 characters (a
    file or stream is never held further than that); text skipped outside interchanges
    keeps its first 4,096 characters and its length.
    """

    strict: bool = False
    max_segment_length: int = 1_000_000
    max_elements: int = 1_000
    max_bag_tag_run: int = 99
    max_travellers_per_message: int = 100_000
    max_defects_per_kind: int = 100
    show_values: bool = False


#: The default policy: record defects, keep going, keep everything.
LENIENT = Policy()
#: Raise at the first error-severity defect.
STRICT = Policy(strict=True)
