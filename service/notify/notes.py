"""One notification to write: the event (``subject``) told to one inbox (``recipient``).

The dedupe key is ``<subject>|<recipient>``, and the subject names the event exactly (a request's
filing, one workflow step, a due date passed, an escalation of one due date), so whichever sweep,
worker or restart finds the event again writes the same key, which the store's MERGE keeps once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from service.notify.kinds import AGENCY, Kind, kind_of


def note_id(key: str) -> str:
    """A stable id from the key: the same notification has the same id on every worker."""
    return "nt-" + hashlib.sha256(key.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Note:
    kind: Kind
    subject: str
    recipient: str
    record_kind: str
    record_id: str
    title_fa: str
    title_en: str
    link: str | None
    day: str  # the day (ISO) the sweep saw it: the digest's day
    due: str | None = None

    @property
    def key(self) -> str:
        return f"{self.subject}|{self.recipient}"

    def row(self) -> dict[str, Any]:
        """The ``$rows`` entry of ``notification/merge``."""
        recipient_kind = kind_of(self.recipient)
        props = {
            "id": note_id(self.key), "subject": self.subject, "recipient": self.recipient, "recipientKind": recipient_kind,
            "agencyId": self.recipient.split(":", 1)[1] if recipient_kind == AGENCY else None,
            "kind": self.kind.value, "recordKind": self.record_kind, "recordId": self.record_id,
            "titleFa": self.title_fa, "titleEn": self.title_en, "link": self.link, "day": self.day, "dueDate": self.due,
        }  # fmt: skip
        return {"key": self.key, "props": {k: v for k, v in props.items() if v is not None}}
