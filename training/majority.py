#!/usr/bin/env python3
"""Rebuilds each pair's majority gold from its three annotations.

    python3 training/majority.py [--check] DIR...

For every pair directory under DIR with `claims.json` and `annotators.json`, the claims keep their
text and ids; a match is gold when at least two of the three analysts made it; the groups are
those of the analyst whose grouping agrees best with the other two (topic F1 over cross-side claim
pairs, as the dev set's scorer counts it; ties go to the analyst listed first). `claims.json` is
rewritten (atomically); regenerate `gold.json` with the dev set's `make_gold.py` afterwards. With
`--check`, nothing is written and the command fails if any `claims.json` differs from what it
would write. Prints the pairwise agreement between the analysts, micro-averaged over the pairs.
"""
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 1.0


def match_set(ann):
    return {tuple(m) for m in ann["matches"]}


def one_sided(ann, claims):
    linked = {x for m in ann["matches"] for x in m}
    return {c["id"] for s in "ab" for c in claims[s] if c["id"] not in linked}


def topic_pairs(ann):
    ga, gb = ann["claim_groups"]["a"], ann["claim_groups"]["b"]
    return {(x, y) for x in ga for y in gb if ga[x] == gb[y]}


def agreement(x, y):
    return len(x & y), len(x - y), len(y - x)


def majority(claims, annotators):
    names = list(annotators)
    if len(names) != 3:
        raise ValueError(f"expected three annotators, found {len(names)}")
    anns = [annotators[n] for n in names]
    votes = {}
    for ann in anns:
        for m in match_set(ann):
            votes[m] = votes.get(m, 0) + 1
    matches = sorted(
        (list(m) for m, v in votes.items() if v >= 2),
        key=lambda m: (int(m[0][1:]), int(m[1][1:])),
    )

    def topic_agreement(i):
        return sum(
            f1(*agreement(topic_pairs(anns[i]), topic_pairs(anns[j])))
            for j in range(3)
            if j != i
        )

    best = max(range(3), key=topic_agreement)
    groups = anns[best]["claim_groups"]
    out = dict(claims)
    out["groups"] = anns[best]["groups"]
    for s in "ab":
        out[s] = [dict(c, group=groups[s][c["id"]]) for c in claims[s]]
    out["matches"] = matches
    note = dict(claims.get("annotation", {}))
    note["annotators"] = 3
    note["method"] = (
        "three analysts from the texts alone; a match is gold when two of three made it; "
        "groups of the analyst agreeing best with the other two"
    )
    note["groups_from"] = names[best]
    out["annotation"] = note
    return out


def write_atomically(path, text):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".claims-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv):
    check = "--check" in argv
    roots = [Path(a) for a in argv if a != "--check"]
    if not roots:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    totals = {k: [0, 0, 0] for k in ("match", "one-sided", "topic")}
    stale = 0
    for root in roots:
        for d in sorted(p for p in root.iterdir() if (p / "annotators.json").exists()):
            claims = json.loads((d / "claims.json").read_text(encoding="utf-8"))
            annotators = json.loads((d / "annotators.json").read_text(encoding="utf-8"))["annotators"]
            for x, y in itertools.combinations(annotators.values(), 2):
                for key, of in (
                    ("match", match_set),
                    ("one-sided", lambda a: one_sided(a, claims)),
                    ("topic", topic_pairs),
                ):
                    c = agreement(of(x), of(y))
                    totals[key] = [t + v for t, v in zip(totals[key], c)]
            text = json.dumps(majority(claims, annotators), ensure_ascii=False, indent=1) + "\n"
            if (d / "claims.json").read_text(encoding="utf-8") != text:
                stale += 1
                if check:
                    print(f"{d}: claims.json is not the annotators' majority", file=sys.stderr)
                else:
                    write_atomically(d / "claims.json", text)
    for key, (tp, fp, fn) in totals.items():
        print(f"pairwise agreement, {key} F1: {f1(tp, fp, fn):.3f}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
