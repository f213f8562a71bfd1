"""Service characters: the UNA service string advice, its defaults, and inference without it.

Source: ISO 9735-1 section 5 and the UNA segment (position 4 component separator, 5 data
element separator, 6 decimal mark, 7 release character, 8 repetition separator (syntax
version 4) or reserved (version 3), 9 segment terminator).
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT", "ServiceCharacters", "parse_una"]


@attrs.frozen(slots=True)
class ServiceCharacters:
    """The six service characters of an interchange.

    ``release_character`` is ``None`` when the UNA puts a space there (syntax version 3:
    no release character). ``repetition_separator`` is the character the UNA declares in
    position 8 (``None`` for a space or when there is no UNA); the scanner honours it only
    when the UNB syntax version is 4 or later.
    """

    component_separator: str = ":"
    element_separator: str = "+"
    decimal_mark: str = "."
    release_character: str | None = "?"
    repetition_separator: str | None = None
    segment_terminator: str = "'"

    @property
    def una(self) -> str:
        """The UNA segment that declares these characters (``UNA:+.? '``)."""
        return ("UNA" + self.component_separator + self.element_separator + self.decimal_mark
                + (self.release_character or " ") + (self.repetition_separator or " ")
                + self.segment_terminator)

    def specials(self) -> tuple[str, ...]:
        """The characters that must be released when they occur in data."""
        chars = [self.component_separator, self.element_separator, self.segment_terminator]
        if self.release_character:
            chars.append(self.release_character)
        if self.repetition_separator:
            chars.append(self.repetition_separator)
        return tuple(chars)


#: ISO 9735 defaults (``UNA:+.? '``), without a repetition separator.
DEFAULT = ServiceCharacters()

_LINE_BREAKS = "\r\n"


def _usable(char: str, *, space_ok: bool = False, line_break_ok: bool = False) -> bool:
    if char == " ":
        return space_ok
    if char in _LINE_BREAKS:
        return line_break_ok
    return char.isprintable() and not char.isalnum() and char.isascii()


def parse_una(advice: str) -> tuple[ServiceCharacters | None, str | None]:
    """Read the six characters after ``UNA``.

    Returns ``(characters, None)`` when they are well formed, else ``(None, reason)``.
    Well formed: component and data element separators and the terminator are printable,
    non-alphanumeric ASCII (the terminator may be a line break); the release character and
    position 8 are such characters or a space; the decimal mark is ``.`` or ``,``; and the
    characters in use are pairwise distinct.
    """
    if len(advice) != 6:
        return None, f"UNA must be followed by 6 service characters, found {len(advice)}"
    comp, elem, decimal, release, repetition, term = tuple(advice)
    if not (_usable(comp) and _usable(elem)):
        return None, f"separators {comp!r} and {elem!r} must be non-alphanumeric symbols"
    if not _usable(term, line_break_ok=True):
        return None, f"segment terminator {term!r} must be a non-alphanumeric symbol"
    if decimal not in ".,":
        return None, f"decimal mark {decimal!r} must be '.' or ','"
    if not (_usable(release, space_ok=True) and _usable(repetition, space_ok=True)):
        return None, "release character and position 8 must be symbols or a space"
    used = [c for c in (comp, elem, release, repetition, term) if c != " "]
    if len(set(used)) != len(used) or decimal in (comp, elem, term):
        return None, f"service characters {advice!r} are not distinct"
    return ServiceCharacters(
        component_separator=comp,
        element_separator=elem,
        decimal_mark=decimal,
        release_character=None if release == " " else release,
        repetition_separator=None if repetition == " " else repetition,
        segment_terminator=term,
    ), None


def infer_from_unb(text: str, at: int) -> ServiceCharacters | None:
    """Service characters used by a UNB at ``at`` when no UNA declares them.

    Some senders change the separators without a UNA. The data element separator follows
    the tag (``UNB*UNOA:4*...``), the component separator follows the 4-letter syntax
    identifier, and the terminator is the symbol before the next UNG/UNH tag. Returns
    ``None`` when the defaults fit or nothing can be inferred.
    """
    elem = text[at + 3:at + 4]
    if not elem or not _usable(elem):
        return None
    ident = text[at + 4:at + 8]
    comp = text[at + 8:at + 9]
    if not (ident.isalpha() and comp and _usable(comp)) or comp == elem:
        comp = ":"
    term = "'"
    window = text[at:at + 2048]
    ends = [p for p in (window.find("UNG" + elem), window.find("UNH" + elem)) if p > 0]
    if ends:
        before = window[:min(ends)].rstrip()
        candidate = before[-1:] if before else ""
        if (candidate and candidate != "'" and "'" not in before
                and _usable(candidate) and candidate not in (elem, comp, "?")):
            term = candidate
    if (elem, comp, term) == ("+", ":", "'"):
        return None
    return ServiceCharacters(component_separator=comp, element_separator=elem,
                             segment_terminator=term)
