"""vCard files (3.0 and 4.0): one file holding many cards, or a folder of ``.vcf``
files (a vdir, the layout khard and vdirsyncer use).

Each card becomes a :class:`~peoplelinks.interop.candidates.Candidate`:

- FN (or N when there is no FN) → name; ORG → company (its first part); TITLE →
  title and a guessed level; EMAIL → emails; TEL → phones; URL → the profile URL
  (a LinkedIn address first); NOTE → notes; CATEGORIES → tags; UID → the card's
  id, so a newer export of the same cards updates them;
- everything else that has no field here (nicknames, birthdays, addresses,
  departments, roles, extra URLs, Apple's ``itemN.`` labels...) is kept as lines
  at the end of the notes, never dropped; a photo is left out (noted as such).

Cards are found by their BEGIN/END lines before they are parsed, so a card that
cannot be read is reported with its number and line and the ones around it are
still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peoplelinks.domain.levels import guess_level
from peoplelinks.domain.models import Contact
from peoplelinks.domain.text import printable
from peoplelinks.errors import InputError
from peoplelinks.interop.candidates import (
    Candidate,
    Parsed,
    looks_like,
    put_found,
    read_text,
)

WHAT = "a vCard file (.vcf)"
SOURCE = "vcard"
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
# Properties read into fields, or of no use to a person reading the notes.
_MAPPED = {"FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "CATEGORIES", "UID",
           "X-PEOPLELINKS-LEVEL"}
_SKIPPED = {"VERSION", "PRODID", "REV", "X-ABLABEL", "X-ABUID", "KIND", "X-ABSHOWAS",
            "CLIENTPIDMAP", "SOURCE"}
_LABELS = {"NICKNAME": "Nickname", "BDAY": "Birthday", "ANNIVERSARY": "Anniversary",
           "ADR": "Address", "ROLE": "Role", "X-SOCIALPROFILE": "Social profile",
           "IMPP": "Chat", "GENDER": "Gender", "LANG": "Language", "TZ": "Time zone",
           "GEO": "Location", "RELATED": "Related", "X-ABRELATEDNAMES": "Related",
           "X-ABDATE": "Date", "X-PHONETIC-FIRST-NAME": "Phonetic first name",
           "X-PHONETIC-LAST-NAME": "Phonetic last name", "LABEL": "Address label"}


def split_cards(text: str) -> list[tuple[int, str]]:
    """Each card's first line number and text (BEGIN to END); text outside cards,
    and a card with no END, are left out (the latter is reported by the caller as
    a card that does not end)."""
    cards: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            if start is not None:  # a card that never ended: keep it, to be reported
                cards.append((start, "\n".join(lines)))
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if _END.match(line):
                cards.append((start, "\n".join(lines) + "\n"))
                start, lines = None, []
    if start is not None:
        cards.append((start, "\n".join(lines)))
    return cards


def _text(value: Any) -> str:
    """A property's value as one line of text (lists and structured values joined)."""
    if isinstance(value, list | tuple):
        return ", ".join(t for v in value if (t := _text(v)))
    parts = [getattr(value, name, "") for name in ("box", "extended", "street", "city",
                                                   "region", "code", "country")]
    if any(parts):  # an address
        return ", ".join(_text(p) for p in parts if _text(p))
    if hasattr(value, "family") and hasattr(value, "given"):  # a name
        return " ".join(_text(p) for p in (value.prefix, value.given, value.additional,
                                           value.family, value.suffix) if _text(p))
    return " ".join(str(value).split())


def _label(text: str) -> str:
    """Apple's built-in labels ("_$!<HomePage>!$_") as words ("HomePage")."""
    match = re.fullmatch(r"_\$!<(.*)>!\$_", text)
    return match.group(1) if match else text


def _kind(child: Any) -> str:
    """"home", "work, cell"... from a property's TYPE parameters."""
    types = [t.lower() for t in child.params.get("TYPE", []) if t.lower() not in
             ("internet", "pref", "voice")]
    return ", ".join(types)


def card_fields(card: Any) -> tuple[dict[str, Any], str]:
    """A parsed card's contact fields, and its UID."""
    labels = {c.group.lower(): _label(_text(c.value)) for c in card.getChildren()
              if c.name.upper() == "X-ABLABEL" and c.group}
    fields: dict[str, Any] = {}
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    tags: list[str] = []
    extra: list[str] = []
    uid = ""
    for child in card.getChildren():
        name = child.name.upper()
        value = child.value
        label = labels.get((child.group or "").lower(), "")
        if name == "FN":
            fields["name"] = _text(value)
        elif name == "N" and "n" not in fields:
            fields["n"] = _text(value)
        elif name == "ORG" and "company" not in fields:
            parts = [p for p in (value if isinstance(value, list) else [value]) if p]
            if parts:
                fields["company"] = _text(parts[0])
                if len(parts) > 1:
                    extra.append(f"Department: {_text(parts[1:])}")
            if label:
                extra.append(f"Organisation label: {label}")
        elif name == "TITLE" and "title" not in fields:
            fields["title"] = _text(value)
        elif name == "EMAIL":
            emails.append(_text(value))
        elif name == "TEL":
            number = _text(value)
            phones.append(number[4:] if number.lower().startswith("tel:") else number)
        elif name == "URL":
            urls.append(_text(value))
        elif name == "NOTE":
            fields["notes"] = str(value).strip()
        elif name == "CATEGORIES":
            tags.extend(t for v in (value if isinstance(value, list) else [value])
                        if (t := _text(v)))
        elif name == "UID":
            uid = _text(value)
        elif name == LEVEL_PROPERTY:
            fields["level_set"] = _text(value).lower()
        elif name == "PHOTO" or name == "LOGO":
            extra.append(f"({name.lower()} not imported)")
        elif name not in _SKIPPED and name not in _MAPPED:
            text = _text(value)
            if text:
                what = label or _LABELS.get(name, name.title())
                kind = _kind(child)
                extra.append(f"{what}{f' ({kind})' if kind else ''}: {text}")
        if label and name in ("EMAIL", "TEL", "URL"):
            extra.append(f"{label}: {_text(value)}")
    if not fields.get("name") and fields.get("n"):
        fields["name"] = fields["n"]
    fields.pop("n", None)
    extra += put_found(fields, emails=emails, phones=phones, tags=tags, urls=urls)
    if fields.get("title"):
        fields["level"] = guess_level(fields["title"])
    if fields.get("level_set"):
        fields["level"] = fields["level_set"]
    fields.pop("level_set", None)
    if extra:
        lines = "\n".join(extra)
        fields["notes"] = f"{fields['notes']}\n\n{lines}" if fields.get("notes") else lines
    return fields, uid


def parse_vcards(text: str, name: str = "the file", parsed: Parsed | None = None,
                 prefix: str = "") -> Parsed:
    """Read the cards in ``text`` into ``parsed`` (a new one by default); raise
    InputError when it holds no card at all. ``prefix`` names the file in a folder."""
    import vobject  # type: ignore[import-untyped]  # noqa: PLC0415 - 60 ms, for vCards only

    out = parsed or Parsed(source=SOURCE)
    cards = split_cards(text)
    if not cards:
        raise InputError(f"file: {name} is not {WHAT}: it has no BEGIN:VCARD line (it looks "
                         f"like {looks_like(text)})", field="file")
    for number, (line, block) in enumerate(cards, start=1):
        where = f"{prefix}card {number} (line {line})"
        if not _END.match(block.rstrip().splitlines()[-1]):
            out.skipped.append((where, "the card does not end (no END:VCARD)"))
            continue
        try:
            card = vobject.readOne(block, allowQP=True)
            fields, uid = card_fields(card)
        except Exception as exc:  # vobject raises many kinds on bad input
            # The parser quotes the line: never let a code in it reach a terminal.
            reason = printable(" ".join(str(exc).split()))[:200] or type(exc).__name__
            out.skipped.append((where, f"cannot be read: {reason}"))
            continue
        if not fields.get("name"):
            out.skipped.append((where, "no name (FN or N)"))
            continue
        out.candidates.append(Candidate(where, fields, uid))
    return out


def read_vcards(path: Path) -> Parsed:
    """Read one ``.vcf`` file, or every ``.vcf`` file in a folder (a vdir)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".vcf" and p.is_file())
        if not files:
            raise InputError(f"file: {path} is a folder with no .vcf file in it", field="file")
        parsed = Parsed(source=SOURCE)
        for file in files:
            try:
                parse_vcards(read_text(file, WHAT), str(file), parsed,
                             prefix=f"{printable(file.name)} ")
            except InputError as exc:  # one bad file in a folder: report it, read the rest
                parsed.skipped.append((printable(file.name), str(exc).removeprefix("file: ")))
        return parsed
    return parse_vcards(read_text(path, WHAT), str(path))


def names_of(parsed: Parsed) -> Iterable[str]:
    """The names read, in order (for messages and tests)."""
    return [c.fields["name"] for c in parsed.candidates]


# ---- export -------------------------------------------------------------------

LEVEL_PROPERTY = "X-PEOPLELINKS-LEVEL"  # our own: the level, when set by hand


def card_uid(contact: Contact) -> str:
    """The card's UID: the one it came with from a vCard, else one made from the
    contact's id and when it was added (stable: it never changes)."""
    came_with = contact.imported.get(SOURCE, {}).get("uid", "")
    return came_with or f"peoplelinks-{contact.id}-{contact.created:%Y%m%dT%H%M%S}"


_SPECIAL = re.compile(r"[\\,;\r\n]")


def _escape(text: str) -> str:
    """A vCard text value: backslash, comma, semicolon and line breaks escaped."""
    if not _SPECIAL.search(text):
        return text  # most names and titles
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """``line`` folded at 75 octets (RFC 6350 3.2), never inside a character."""
    if len(line) <= 18 or (len(line) <= 75 and line.isascii()):
        return line  # at most 75 octets whatever it holds
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the space that starts each next line counts
    return "\r\n ".join(parts)


def contact_vcard(contact: Contact, uid: str = "") -> str:
    """``contact`` as one vCard 3.0 (what Apple Contacts and most phones read), with
    ``uid`` (its :func:`card_uid` when not given).

    Written directly rather than through vobject, which takes ~1 ms a card: an
    export of 30,000 contacts must take seconds, not half a minute."""
    words = contact.name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (contact.name, "")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{_escape(uid or card_uid(contact))}",
             f"FN:{_escape(contact.name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if contact.company:
        lines.append(f"ORG:{_escape(contact.company)}")
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    lines += [f"EMAIL;TYPE=INTERNET:{_escape(email)}" for email in contact.emails]
    lines += [f"TEL:{_escape(phone)}" for phone in contact.phones]
    if contact.profile_url:
        lines.append(f"URL:{contact.profile_url}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(tag) for tag in contact.tags))
    if contact.notes:
        lines.append(f"NOTE:{_escape(contact.notes)}")
    if contact.level != guess_level(contact.title):
        lines.append(f"{LEVEL_PROPERTY}:{contact.level}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


_SAFE_NAME = re.compile(r"[A-Za-z0-9_.@-]+")


def _file_name(uid: str) -> str:
    """A vdir file name for ``uid``: letters, digits, - _ . @ kept, the rest hex."""
    if _SAFE_NAME.fullmatch(uid):
        return f"{uid[:200]}.vcf"  # our own UIDs, and most others
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.@") else
                   f"%{ord(ch):02X}" for ch in uid)
    return f"{safe[:200]}.vcf"


def vcards_bytes(contacts: Iterable[Contact]) -> bytes:
    """Every contact, one card after another (one .vcf file)."""
    return "".join(contact_vcard(c) for c in contacts).encode("utf-8")


def vdir_files(contacts: Iterable[Contact]) -> dict[str, bytes]:
    """File name -> content, one card per file named after its UID (a vdir)."""
    files: dict[str, bytes] = {}
    for contact in contacts:
        uid = card_uid(contact)
        files[_file_name(uid)] = contact_vcard(contact, uid).encode("utf-8")
    return files


def vdir_names(contacts: Iterable[Contact]) -> list[str]:
    """The vdir file names of ``contacts`` (to remove the cards of people gone)."""
    return [_file_name(card_uid(c)) for c in contacts]
