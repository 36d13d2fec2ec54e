"""The corpus authoring format: one readable, diff-friendly file per document.

    id: syria-001
    conflict: syria
    genre: wire
    split: train
    ---
    قتل [12]{k1 KILLED 12 exact} مدنياً بقصف [قوات النظام]{g1 ARMED_GROUP} على [إدلب]{l1 LOCATION}.
    ---
    k1 INFLICTED_BY g1
    k1 OCCURRED_IN l1

Entities are ``[surface]{id LABEL}``; the id may be left out when no relation
names the entity; KILLED/INJURED add ``value qualifier``. Relations are
``head LABEL tail`` lines. `parse_file` turns a file into a schema document
(SCHEMA §1) and reports every problem with its file and line.
"""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .schema import CASUALTY_LABELS, ENTITY_LABELS, QUALIFIERS, RELATION_LABELS

HEADER_FIELDS = ("id", "conflict", "genre", "split")
OPTIONAL_FIELDS = ("date", "source")
SPLITS = ("train", "dev", "test")
CONFLICTS = (
    "syria", "iraq", "yemen", "libya", "somalia", "sudan", "sahel", "nigeria",
    "afghanistan", "palestine", "lebanon", "sinai", "pakistan", "mozambique",
    "drc", "ethiopia", "ukraine", "myanmar", "colombia", "multi", "none",
)
GENRES = (
    "wire", "bulletin", "monitor", "communique", "local", "roundup",
    "feature", "sport", "economy", "weather", "politics",
)
SEPARATOR = "---"
ENTITY_RE = re.compile(r"\[([^\[\]{}\n]+)\]\{([^{}\n]*)\}")
AUTHOR_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
STRAY_RE = re.compile(r"[\[\]{}]")


@dataclass
class Problem:
    """One thing wrong with an authoring file, located for the author."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _parse_brace(inner: str) -> Tuple[Optional[str], str, Optional[int], Optional[str], Optional[str]]:
    """Split ``{id LABEL value qualifier}`` into its parts; returns an error last."""
    parts = inner.split()
    author_id = None
    if parts and AUTHOR_ID_RE.match(parts[0]):
        author_id, parts = parts[0], parts[1:]
    if not parts:
        return author_id, "", None, None, f"no label in {{{inner}}}"
    label, rest = parts[0], parts[1:]
    if label not in ENTITY_LABELS:
        return author_id, label, None, None, f"unknown entity label {label!r}"
    if label in CASUALTY_LABELS:
        if len(rest) != 2 or not rest[0].isdigit() or rest[1] not in QUALIFIERS:
            return author_id, label, None, None, (
                f"{label} needs 'value qualifier' (integer and one of {', '.join(QUALIFIERS)}), got {' '.join(rest)!r}"
            )
        return author_id, label, int(rest[0]), rest[1], None
    if rest:
        return author_id, label, None, None, f"{label} takes no value, got {' '.join(rest)!r}"
    return author_id, label, None, None, None


def parse_text(path: str, body: List[Tuple[int, str]]):
    """Strip the markup from the body lines; returns text, entities, author ids, problems."""
    text_parts: List[str] = []
    entities: List[Dict] = []
    author_ids: Dict[str, str] = {}
    problems: List[Problem] = []
    offset = 0
    for n, (lineno, line) in enumerate(body):
        if n:
            text_parts.append("\n")
            offset += 1
        pos = 0
        for m in ENTITY_RE.finditer(line):
            plain = line[pos:m.start()]
            if STRAY_RE.search(plain):
                problems.append(Problem(path, lineno, f"stray bracket or brace in {plain.strip()!r}"))
            text_parts.append(plain)
            offset += len(plain)
            surface = m.group(1)
            author_id, label, value, qualifier, error = _parse_brace(m.group(2))
            if error:
                problems.append(Problem(path, lineno, f"{error} at [{surface}]"))
            else:
                ent = {"id": f"e{len(entities) + 1}", "start": offset, "end": offset + len(surface), "label": label}
                if label in CASUALTY_LABELS:
                    ent["value"], ent["qualifier"] = value, qualifier
                ent["line"] = lineno
                if author_id:
                    if author_id in author_ids:
                        problems.append(Problem(path, lineno, f"entity id {author_id!r} used twice"))
                    author_ids[author_id] = ent["id"]
                entities.append(ent)
            text_parts.append(surface)
            offset += len(surface)
            pos = m.end()
        rest = line[pos:]
        if STRAY_RE.search(rest):
            problems.append(Problem(path, lineno, f"stray bracket or brace in {rest.strip()!r}"))
        text_parts.append(rest)
        offset += len(rest)
    return "".join(text_parts), entities, author_ids, problems


def parse_file(path: Path, encoding: str = "utf-8-sig") -> Tuple[Optional[Dict], List[Problem]]:
    """Read one authoring file into a schema document (with `meta`) and its problems.

    Entities keep the authoring `line` number under a private key for later
    checks; `to_schema` drops it.
    """
    name = str(path)
    try:
        lines = path.read_text(encoding=encoding).split("\n")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(name, 0, f"cannot read file as {encoding}: {err}")]
    seps = [i for i, line in enumerate(lines) if line.strip() == SEPARATOR]
    if not seps:
        return None, [Problem(name, 1, f"no '{SEPARATOR}' line after the header")]
    problems: List[Problem] = []
    meta: Dict[str, str] = {}
    for i in range(seps[0]):
        line = lines[i].strip()
        if not line:
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in HEADER_FIELDS + OPTIONAL_FIELDS:
            problems.append(Problem(name, i + 1, f"bad header line {line!r}"))
        else:
            meta[key] = value
    for key in HEADER_FIELDS:
        if key not in meta:
            problems.append(Problem(name, 1, f"header field {key!r} missing"))
    if meta.get("split", "train") not in SPLITS:
        problems.append(Problem(name, 1, f"split must be one of {SPLITS}, got {meta['split']!r}"))
    if meta.get("conflict", "none") not in CONFLICTS:
        problems.append(Problem(name, 1, f"unknown conflict {meta['conflict']!r} (add it to CONFLICTS)"))
    if meta.get("genre", "wire") not in GENRES:
        problems.append(Problem(name, 1, f"unknown genre {meta['genre']!r} (one of {', '.join(GENRES)})"))
    if "id" in meta and meta["id"] != path.stem:
        problems.append(Problem(name, 1, f"id {meta['id']!r} differs from the file name {path.stem!r}"))

    end = seps[1] if len(seps) > 1 else len(lines)
    body = [(i + 1, lines[i].rstrip()) for i in range(seps[0] + 1, end)]
    while body and not body[0][1].strip():
        body.pop(0)
    while body and not body[-1][1].strip():
        body.pop()
    text, entities, author_ids, text_problems = parse_text(name, body)
    problems.extend(text_problems)

    relations: List[Dict] = []
    for i in range(end + 1, len(lines)):
        line = lines[i].split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3 or parts[1] not in RELATION_LABELS:
            problems.append(Problem(name, i + 1, f"relation must be 'head LABEL tail' with LABEL in {RELATION_LABELS}: {line!r}"))
            continue
        head, label, tail = parts
        missing = [x for x in (head, tail) if x not in author_ids]
        if missing:
            problems.append(Problem(name, i + 1, f"relation names unknown entity id(s) {', '.join(missing)}"))
            continue
        relations.append({"head": author_ids[head], "tail": author_ids[tail], "label": label, "line": i + 1})

    doc = {
        "id": meta.get("id", path.stem),
        "text": text,
        "meta": {k: v for k, v in meta.items() if k != "id"},
        "entities": entities,
        "relations": relations,
    }
    return doc, problems


def to_schema(doc: Dict) -> Dict:
    """Drop the authoring line numbers, leaving a plain schema document."""
    out = dict(doc)
    out["entities"] = [{k: v for k, v in e.items() if k != "line"} for e in doc["entities"]]
    out["relations"] = [{k: v for k, v in r.items() if k != "line"} for r in doc["relations"]]
    return out


def corpus_files(corpus_dir: Path) -> List[Path]:
    """All authoring files under the corpus folder, in a stable order."""
    return sorted(corpus_dir.rglob("*.ann"))
