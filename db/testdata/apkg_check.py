#!/usr/bin/env python3
"""Check an Anki package (.apkg) the way an independent reader would.

Usage: python3 apkg_check.py FILE.apkg

Standard library only (zipfile, sqlite3, json). It unzips the package, opens
its collection with Python's sqlite3 and checks what Anki relies on when it
imports one: the col row (schema version 11, JSON models, decks, dconf and
conf); every note's note type exists and the note has as many fields as the
note type; every card's note and deck exist and its ordinal is one the note
type makes (a cloze card's ordinal is below the note's highest deletion
number); the media list names zip entries that exist, and every
<img src> in a field names a file in it.

It prints a JSON summary on standard output and exits 1 when any check
fails (the summary's "problems" lists them), 2 when FILE cannot be read.
"""

import json
import os
import re
import sqlite3
import sys
import tempfile
import zipfile

CLOZE_RE = re.compile(r"\{\{c(\d+)::", re.S)
IMG_RE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def check(path):
    problems = []
    summary = {"problems": problems}
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        summary["entries"] = sorted(names)
        colname = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
        if colname is None:
            problems.append("no collection.anki2 or collection.anki21 in the zip")
            return summary
        summary["collection"] = colname
        media = {}
        if "media" not in names:
            problems.append("no media entry in the zip")
        else:
            try:
                media = json.loads(zf.read("media").decode("utf-8"))
            except ValueError as e:
                problems.append("media is not JSON: %s" % e)
            if not isinstance(media, dict):
                problems.append("media is not a JSON object")
                media = {}
        for key, name in media.items():
            if key not in names:
                problems.append("media entry %s (%s) is not in the zip" % (key, name))
            elif zf.getinfo(key).file_size == 0:
                problems.append("media entry %s (%s) is empty" % (key, name))
        summary["media"] = sorted(media.values())
        with tempfile.TemporaryDirectory() as tmp:
            dbpath = os.path.join(tmp, "collection.anki2")
            with open(dbpath, "wb") as f:
                f.write(zf.read(colname))
            conn = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
            try:
                check_collection(conn, set(media.values()), summary, problems)
            finally:
                conn.close()
    return summary


def check_collection(conn, media_names, summary, problems):
    rows = conn.execute("SELECT ver, models, decks, dconf, conf FROM col").fetchall()
    if len(rows) != 1:
        problems.append("col has %d rows, want 1" % len(rows))
        return
    ver, models_s, decks_s, dconf_s, conf_s = rows[0]
    summary["ver"] = ver
    if ver != 11:
        problems.append("col.ver is %r, want 11" % (ver,))
    parsed = {}
    for name, text in (("models", models_s), ("decks", decks_s), ("dconf", dconf_s), ("conf", conf_s)):
        try:
            parsed[name] = json.loads(text)
        except ValueError as e:
            problems.append("col.%s is not JSON: %s" % (name, e))
            parsed[name] = {}
        if not isinstance(parsed[name], dict):
            problems.append("col.%s is not a JSON object" % name)
            parsed[name] = {}
    models, decks = parsed["models"], parsed["decks"]
    summary["models"] = sorted(m.get("name", "") for m in models.values())
    summary["decks"] = sorted(d.get("name", "") for d in decks.values())
    for key, m in models.items():
        if str(m.get("id")) != key:
            problems.append("model %s has id %r" % (key, m.get("id")))
        if not m.get("flds") or not m.get("tmpls"):
            problems.append("model %s has no fields or no templates" % key)
    for key, d in decks.items():
        if str(d.get("id")) != key:
            problems.append("deck %s has id %r" % (key, d.get("id")))
        if str(d.get("conf", 1)) not in parsed["dconf"] and not d.get("dyn"):
            problems.append("deck %s uses options group %r, not in dconf" % (key, d.get("conf")))

    notes = {}
    kinds = {"basic": 0, "cloze": 0}
    images = []
    for nid, mid, flds in conn.execute("SELECT id, mid, flds FROM notes"):
        m = models.get(str(mid))
        fields = flds.split("\x1f")
        notes[nid] = (m, fields)
        if m is None:
            problems.append("note %d: model %d is not in col.models" % (nid, mid))
            continue
        if len(fields) != len(m.get("flds", [])):
            problems.append("note %d: %d fields, its model %r has %d" % (nid, len(fields), m.get("name"), len(m.get("flds", []))))
        kinds["cloze" if m.get("type") == 1 else "basic"] += 1
        for f in fields:
            for g in IMG_RE.findall(f):
                src = next(s for s in g if s)
                images.append(src)
                if src not in media_names:
                    problems.append("note %d shows %r, which is not in the media list" % (nid, src))
    summary["notes"] = len(notes)
    summary["note_kinds"] = kinds
    summary["images"] = sorted(set(images))

    ncards = 0
    for cid, nid, did, ord_ in conn.execute("SELECT id, nid, did, ord FROM cards"):
        ncards += 1
        if nid not in notes:
            problems.append("card %d: note %d does not exist" % (cid, nid))
            continue
        if str(did) not in decks:
            problems.append("card %d: deck %d does not exist" % (cid, did))
        m, fields = notes[nid]
        if m is None:
            continue
        if m.get("type") == 1:
            nums = [int(n) for f in fields for n in CLOZE_RE.findall(f)]
            if not nums or ord_ < 0 or ord_ >= max(nums):
                problems.append("card %d: cloze ordinal %d, the note's deletions are %r" % (cid, ord_, sorted(set(nums))))
        elif ord_ < 0 or ord_ >= len(m.get("tmpls", [])):
            problems.append("card %d: ordinal %d, its model has %d templates" % (cid, ord_, len(m.get("tmpls", []))))
    summary["cards"] = ncards


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        summary = check(argv[1])
    except (OSError, zipfile.BadZipFile, sqlite3.Error) as e:
        print(json.dumps({"problems": ["cannot read the package: %s" % e]}))
        return 2
    summary["ok"] = not summary["problems"]
    print(json.dumps(summary, indent=1, sort_keys=True))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
