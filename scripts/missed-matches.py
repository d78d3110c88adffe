#!/usr/bin/env python3
"""Why gold matches are missed: reads the per-pair dumps of `examples/train.rs --dump-dir DIR`
(the held-out fold's probabilities) and the pairs' gold.json, and sorts every gold match that no
kept candidate stands for by cause.

    scripts/missed-matches.py DUMP_DIR PAIRS_DIR [-v]
"""
import collections
import json
import pathlib
import sys


def main(argv):
    dump, pairs = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    verbose = "-v" in argv
    causes = collections.Counter()
    lonely = collections.Counter()
    total = 0
    for f in sorted(dump.glob("*.json")):
        d = json.loads(f.read_text())
        gold = json.loads((pairs / d["pair"] / "gold.json").read_text())
        group = {("a", c["id"]): c.get("group") for c in gold["a"]}
        group.update({("b", c["id"]): c.get("group") for c in gold["b"]})
        text = {("a", c["id"]): c["text"] for c in gold["a"]}
        text.update({("b", c["id"]): c["text"] for c in gold["b"]})
        t, m = d["threshold"], d["max_links"]
        cands = d["candidates"]
        kept = [c for c in cands if c["kept"]]
        linked_a = {c["a"] for c in kept}
        linked_b = {c["b"] for c in kept}
        best_a, best_b = {}, {}
        for c in cands:
            if c["features"]["one_agenda"] < 0.5:
                best_a[c["a"]] = max(best_a.get(c["a"], 0), c["probability"])
                best_b[c["b"]] = max(best_b.get(c["b"], 0), c["probability"])
        for ga, gb in gold["matches"]:
            total += 1
            stand = [c for c in cands if ga in c["gold_a"] and gb in c["gold_b"]]
            if any(c["kept"] for c in stand):
                continue
            if not stand:
                causes["no candidate"] += 1
                continue
            c = max(stand, key=lambda c: c["probability"])
            fe, p = c["features"], c["probability"]
            same_gold = group[("a", ga)] == group[("b", gb)]
            if fe["one_agenda"] >= 0.5:
                cause = "agenda rule (one side agenda)"
            elif p >= t:
                cause = "max_links cut"
            else:
                band = "just under (>= t-0.1)" if p >= t - 0.1 else (
                    "low (>= 0.05)" if p >= 0.05 else "very low (< 0.05)")
                topic = "same pred topic" if fe["same_topic"] > 0.5 else "diff pred topic"
                cause = f"prob {band}, {topic}"
            if fe["cross_language"] > 0.5:
                cause += ", cross-language"
            causes[cause] += 1
            alone = (c["a"] not in linked_a, c["b"] not in linked_b)
            best = (abs(best_a.get(c["a"], -1) - p) < 1e-6, abs(best_b.get(c["b"], -1) - p) < 1e-6)
            lonely[("a unlinked" if alone[0] else "a linked") + "/" +
                   ("b unlinked" if alone[1] else "b linked") + ", best of " +
                   {(True, True): "both", (True, False): "a", (False, True): "b",
                    (False, False): "neither"}[best]] += 1
            if verbose:
                print(f"{d['pair']} {ga}-{gb} p={p:.3f} t={t} {cause}; gold group "
                      f"{'same' if same_gold else 'diff'} ({group[('a', ga)]}/{group[('b', gb)]});"
                      f" alone={alone} best={best} sim={fe['similarity']:.2f} "
                      f"topic_cos={fe['topic_cosine']:.2f} ctx={fe['context_cosine']:.2f} "
                      f"ranks={1/fe['rank_a'] if fe['rank_a'] else 0:.0f},"
                      f"{1/fe['rank_b'] if fe['rank_b'] else 0:.0f}")
                print("   A:", text[("a", ga)][:150])
                print("   B:", text[("b", gb)][:150])
    missed = sum(causes.values())
    print(f"gold matches {total}, missed {missed}")
    for k, v in causes.most_common():
        print(f"  {v:4}  {k}")
    print("missed pairs: are their claims linked elsewhere? is the pair their best candidate?")
    for k, v in lonely.most_common():
        print(f"  {v:4}  {k}")


if __name__ == "__main__":
    main(sys.argv)
