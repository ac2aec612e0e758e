"""Glossary entries generated from the cable headers: the posts that send the
edition's cables, and the people the headers name (signers, "Classified By" officers).

A post is keyed by the station of its cables' ids (`07BAKU595`: BAKU), named as its
sender line prints it (`AMEMBASSY BAKU`), with the routing indicator of its DE line
(`DE RUEHKB #0595`) where the cables print one. A person is keyed by post and surname:
the `Classified By` line gives a full name and a title at the time (`Ambassador Anne
E. Derse`), the signature a surname (`DERSE`); both at one post are one person. Names
stay as printed: every printed form is kept, a mixed-case form preferred as the name
because it says more than capitals, and no case is invented.

An editorial entry (or any entry of the glossary) wins: one with the generated entry's
id, or holding one of its names of two words or more (`AMEMBASSY BAKU`, `Anne E.
Derse`), takes its place and its cables. A bare surname merges nothing: `CHAVEZ`
signing for a post is not the Chávez of the editors' glossary.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .codebook import code_id
from .glossary import FROM_HEADERS, Entry, Glossary
from .model import Cable, Document

POST_PROVENANCE = "cable headers: the sender line (FM), the station of the cable id and the routing indicator (DE line)"
PERSON_PROVENANCE = "cable headers: the signature and the Classified By line, with the title it gives"
# Words of a title in a Classified By line (compared case-insensitively, without dots
# and apostrophes): the name is what follows them. Office symbols and abbreviations
# the glossary knows (DCM, ISN, EUR/FO) count as title words too.
TITLE_WORDS = frozenset(
    """
    acting adviser advisor affaires ai amb ambassador and assistant attache by ce cg chargé charge chief commercial
    consul consular coordinator counsellor counselor daffaires das defense deputy dir director division econ
    economic envoy for general head in interagency management mc minister mission of office officer pdas pol
    polcouns political principal provincial public regional representative secretary section security senior special
    the under undersecretary
    """.split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*|[A-Z]\.?")
_STATION = re.compile(r"\d{2}([A-Z]+)\d+")


@dataclass
class _Person:
    station: str
    names: Counter[str] = field(default_factory=Counter)  # full names, from Classified By lines
    surnames: Counter[str] = field(default_factory=Counter)  # signatures
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # title -> dates
    signed: set[str] = field(default_factory=set)
    classified: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HeaderEntries:
    glossary: Glossary  # the glossary with the generated entries added
    mentions: dict[str, list[str]]  # document id -> ids of the entries its header names


def station_of(cable: Cable) -> str | None:
    """The station of the cable's id (BAKU for 07BAKU595), else its origin as printed."""
    found = _STATION.fullmatch(cable.cable_id or "")
    return found.group(1) if found else cable.origin


def routing_indicator(cable: Cable) -> str | None:
    """The sending station's routing indicator, from the DE line (`DE RUEHKB #0595/01`)."""
    for line in cable.printed_header:
        found = re.match(r"DE\s+(RU[A-Z]{3,5})\b", line.strip())
        if found:
            return found.group(1)
    return None


def split_classified_by(text: str, title_forms: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(title, name) of a Classified By line as printed, or None when it names nobody.

    The name is the run of capitalised words before the first comma-separated part
    that is all title (`Gene A. Cretz, Ambassador`), or after the last title word
    (`Political Minister-Counselor Josiah Rosenblatt`); a suffix (`, Jr`) stays with it.
    """
    text = re.sub(r"^\s*by\s+", "", text.strip(), flags=re.I)
    # In a line written in mixed case, a word in capitals is an office's abbreviation
    # (ECONMINCOUNS, POL), not part of a name; a line in capitals cannot tell.
    if any(c.islower() for c in text):
        title_forms = title_forms | {t for t in text.replace(",", " ").split() if _is_abbreviation(t)}
    parts = [p.strip() for p in text.split(",")]
    for index, part in enumerate(parts):
        tokens = part.split()
        start = len(tokens)
        if start and _key(tokens[-1]) in _SUFFIXES:
            start -= 1  # W. Scott Reid III
        while start > 0 and _is_name_token(tokens[start - 1], title_forms):
            start -= 1
        if start == len(tokens) or _key(tokens[start]) in _SUFFIXES:
            continue
        name = " ".join(tokens[start:])
        rest = parts[index + 1 :]
        while rest and _key(rest[0]) in _SUFFIXES:
            name += ", " + rest.pop(0)
        title = ", ".join([*parts[:index], " ".join(tokens[:start])]).strip(", ")
        if not title and rest and all(_is_title_word(t, title_forms) for t in rest[0].split()):
            title = rest[0]
        return title, name
    return None


def _is_abbreviation(token: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", token)
    return len(letters) > 1 and letters.isupper() and _key(token) not in _SUFFIXES


def _key(token: str) -> str:
    return re.sub(r"[.'’]", "", token).casefold()


def _is_title_word(token: str, title_forms: frozenset[str]) -> bool:
    return _key(token) in TITLE_WORDS or token.strip(".") in title_forms or "/" in token or "-" in token.strip("-")


def _is_name_token(token: str, title_forms: frozenset[str]) -> bool:
    if not _NAME_TOKEN.fullmatch(token) or _is_title_word(token, title_forms):
        # A hyphen joins title words (Minister-Counselor); a name with one (Smith-Jones)
        # is still a name when neither half is a title word.
        return (
            "-" in token
            and _NAME_TOKEN.fullmatch(token) is not None
            and not any(_is_title_word(half, title_forms) for half in token.split("-") if half)
        )
    return True


def surname(name: str) -> str:
    """The last word of a name that is not a suffix, in lower case (`Randt` of
    `Clark T. Randt, Jr`)."""
    words = [w for w in re.split(r"[\s,]+", name) if w and _key(w) not in _SUFFIXES]
    return _key(words[-1]) if words else _key(name)


def header_entries(documents: list[Document], glossary: Glossary) -> HeaderEntries:
    """The posts and people of the cables' headers as generated entries, merged with
    the glossary's entries (which win), and the entries each cable's header names."""
    cables = [d for d in documents if isinstance(d, Cable)]
    title_forms = frozenset(
        form for e in glossary.entries if e.kind in ("term", "abbreviation", "organisation") for form in e.forms
    )
    generated = _posts(cables) + _people(cables, title_forms)
    existing = glossary.by_id()
    # An entry's names of two words or more identify it; a bare word does not.
    owner_of_form: dict[str, Entry] = {}
    for entry in glossary.entries:
        for form in entry.forms:
            if " " in form.strip():
                owner_of_form.setdefault(form, entry)
    target: dict[str, str] = {}  # generated id -> the id of the entry that holds it
    added: dict[str, Entry] = {}
    for entry, _ in generated:
        owner = existing.get(entry.id) or next((owner_of_form[f] for f in entry.forms if f in owner_of_form), None)
        if owner is None:
            added[entry.id] = entry
            target[entry.id] = entry.id
            continue
        target[entry.id] = owner.id
        # The owner's keys win; a role or note it does not give comes from the headers.
        existing[owner.id] = replace(
            existing[owner.id], role=existing[owner.id].role or entry.role, note=existing[owner.id].note or entry.note
        )
    mentions: dict[str, list[str]] = defaultdict(list)
    for entry, document_ids in generated:
        for document_id in document_ids:
            if target[entry.id] not in mentions[document_id]:
                mentions[document_id].append(target[entry.id])
    entries = sorted([*existing.values(), *added.values()], key=lambda e: e.id)
    return HeaderEntries(replace(glossary, entries=tuple(entries)), dict(mentions))


def _span(dates: list[str]) -> str:
    days = sorted(d[:10] for d in dates if d)
    if not days:
        return "undated"
    return days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"


def _cables(count: int) -> str:
    return f"{count:,} cable" + ("" if count == 1 else "s")


def _posts(cables: list[Cable]) -> list[tuple[Entry, list[str]]]:
    by_station: dict[str, list[Cable]] = defaultdict(list)
    for cable in cables:
        station = station_of(cable)
        if station:
            by_station[station].append(cable)
    posts = []
    for station, members in sorted(by_station.items()):
        # The sender line's name where the cables print one; a partial record's
        # origin is the station of its classification line (origin_derived).
        printed = Counter(c.origin for c in members if c.origin and not c.origin_derived)
        derived = Counter(c.origin for c in members if c.origin and c.origin_derived)
        names = [n for n, _ in sorted((printed or derived).items(), key=lambda kv: (-kv[1], kv[0]))]
        name = names[0] if names else station
        aliases = sorted({*names[1:], *derived} - {name})
        routing = Counter(r for c in members if (r := routing_indicator(c)))
        indicator = min(routing, key=lambda r: (-routing[r], r)) if routing else None
        definition = f"US post that sends cables as {name}; station {station} in cable ids" + (
            f", routing indicator {indicator}." if indicator else "."
        )
        entry = Entry(
            id=f"post-{code_id(station)}",
            name=name,
            kind="post",
            definition=definition,
            aliases=tuple(aliases),
            note=f"The edition holds {_cables(len(members))} from it, dated {_span([c.date or '' for c in members])}.",
            match=False,
            generated=POST_PROVENANCE,
            generated_from=FROM_HEADERS,
        )
        posts.append((entry, [c.id for c in members]))
    return posts


def _people(cables: list[Cable], title_forms: frozenset[str]) -> list[tuple[Entry, list[str]]]:
    people: dict[tuple[str, str], _Person] = {}
    post_name: dict[str, str] = {}
    for cable in cables:
        station = station_of(cable)
        if not station:
            continue
        if cable.origin and not cable.origin_derived:
            post_name.setdefault(station, cable.origin)
        named: list[tuple[str, str, str | None]] = []  # (role, name, title)
        if cable.classified_by and (split := split_classified_by(cable.classified_by, title_forms)):
            named.append(("classified", split[1], split[0] or None))
        if cable.signer and _NAME_TOKEN.match(cable.signer.strip()):
            named.append(("signed", cable.signer.strip(), None))
        for role, name, title in named:
            person = people.setdefault((station, surname(name)), _Person(station))
            if role == "classified":
                person.names[name] += 1
                person.classified.add(cable.id)
                if title:
                    person.titles[title].append(cable.date or "")
            else:
                person.surnames[name] += 1
                person.signed.add(cable.id)
            person.dates.append(cable.date or "")
    entries = []
    for (station, key), person in sorted(people.items()):
        entry = _person_entry(station, key, person, post_name.get(station, station))
        entries.append((entry, sorted(person.signed | person.classified)))
    return entries


def _preferred(forms: Counter[str]) -> list[str]:
    """Printed forms, the one that says most first: more words, then mixed case (it
    keeps what capitals lose), then the most frequent."""
    return sorted(forms, key=lambda f: (-len(f.split()), f.isupper(), -forms[f], f))


def _person_entry(station: str, key: str, person: _Person, post: str) -> Entry:
    forms = _preferred(person.names) + _preferred(person.surnames)
    name = forms[0]
    # Titles as printed, one per spelling in any case, each with the dates it was given.
    titles: dict[str, list[str]] = {}
    for title, dates in sorted(person.titles.items(), key=lambda kv: (min(kv[1]), kv[0])):
        same = next((t for t in titles if t.casefold() == title.casefold()), None)
        if same is not None and same.isupper() and not title.isupper():
            titles[title] = titles.pop(same)
            same = title
        titles.setdefault(same or title, []).extend(dates)
    role = "; ".join(f"{title} ({_span(dates)})" for title, dates in titles.items()) or None
    what = [w for w, ids in (("signer", person.signed), ("classifying officer", person.classified)) if ids]
    counts = [f"signed {_cables(len(person.signed))}"] if person.signed else []
    counts += [f"classified {_cables(len(person.classified))}"] if person.classified else []
    return Entry(
        id=f"{code_id(key) or 'person'}-{code_id(station)}",
        name=name,
        kind="person",
        definition=f"US official named in the headers of cables from {post}, as {' and '.join(what)}.",
        aliases=tuple(dict.fromkeys(f for f in forms[1:] if f != name)),
        note=f"In the edition: {', '.join(counts)}, dated {_span(person.dates)}.",
        role=role,
        match=False,
        generated=PERSON_PROVENANCE,
        generated_from=FROM_HEADERS,
    )
