"""The PNRGOV defect kinds, registered in :data:`paxdata.defects.KINDS` on import."""

from __future__ import annotations

from paxdata.defects import kind, register

__all__ = ["PNRGOV_KINDS"]

_IG = "IATA PADIS PNRGOV Implementation Guide"

PNRGOV_KINDS = (
    kind("PNR-SEGMENT-UNEXPECTED", "warning",
         "a segment paxdata does not interpret at this place; kept raw on the record",
         f"{_IG} (message structure, levels 0-5, Gr.1-Gr.12)"),
    kind("PNR-SEGMENT-ORDER", "warning",
         "a segment out of its group's order or repeated; read where it belongs",
         f"{_IG} (message structure: group order and repeats)"),
    kind("PNR-SEGMENT-MISSING", "warning",
         "a segment the push or PNR needs is absent (MSG, TVL, EQN, RCI, SRC)",
         f"{_IG} (message structure: mandatory segments)"),
    kind("PNR-SEGMENT-RUN-ON", "warning",
         "two segments run together (terminator lost in transport); split and read",
         f"{_IG} segment layouts; ISO 9735-1 segment terminator"),
    kind("PNR-TAG-RECOVERED", "warning",
         "text before a segment tag was ignored and the tag read",
         "ISO 9735-1 segment tags; real pushes with stray text between segments"),
    kind("PNR-QUALIFIER-UNKNOWN", "warning",
         "a qualifier or code not in the PNRGOV code lists; kept as sent",
         f"{_IG}; PADIS EDIFACT codeset"),
    kind("PNR-VALUE-INVALID", "warning",
         "a value that cannot be read as its data element requires; kept as sent",
         f"{_IG} (segment layouts)"),
    kind("PNR-DATE-INVALID", "warning",
         "a date or time that cannot be read (DDMMYY, HHMM, DDMMMYY)",
         f"{_IG} (DAT, TVL, RCI, PTK: DDMMYY and HHMM); IATA AIRIMP (DDMMMYY)"),
    kind("PNR-SSR-FORMAT", "warning",
         "SSR free text that does not follow its AIRIMP layout; read as far as possible",
         "IATA AIRIMP SSR DOCS/DOCA/DOCO/CTCx/TKNE/INFT layouts"),
    kind("PNR-REFERENCE-UNRESOLVED", "warning",
         "a traveller reference (9944) that names no traveller of the PNR; kept",
         f"{_IG}, TIF 9944 (cross-reference from SSR, TRI, FTI)"),
    kind("PNR-REFERENCE-DUPLICATE", "warning",
         "two travellers of one PNR with the same traveller reference (9944)",
         f"{_IG}, TIF 9944 (unique per traveller in the PNR)"),
    kind("PNR-COUNT-MISMATCH", "error",
         "the PNR count (EQN) differs from the PNRs received",
         f"{_IG}, EQN at level 0 (PNRs in the push over all its parts)"),
    kind("PNR-CANCELLED", "info",
         "a PNR sent with an empty ORG: cancelled, or its pushed flight cancelled",
         f"{_IG}, ORG in Gr.1 (empty in update pushes for cancelled PNRs)"),
    kind("PNR-UNREADABLE", "error",
         "a PNR that could not be read; kept raw, the push's other PNRs are returned",
         "paxdata error isolation (one PNR per Gr.1)"),
    kind("PNR-VERSION-UNKNOWN", "info",
         "a PNRGOV version or agency paxdata has not seen; read by structure",
         f"{_IG} versions 10.1-21.1, agencies IA and XS"),
    kind("PNR-PART-MISSING", "error", "a part of a multi-part push is missing",
         "ISO 9735-1 UNH S010 0070/0073; PNRGOV IG UNH (0068 common access reference)"),
    kind("PNR-PART-DUPLICATE", "warning", "the same part of a push arrived more than once",
         "ISO 9735-1 UNH S010"),
    kind("PNR-PART-INCONSISTENT", "warning",
         "the parts of one push disagree (flight, push type, PNR count)",
         f"{_IG}, UNH 0068/S010 and level-0 MSG/TVL/EQN"),
)

register(*PNRGOV_KINDS)
