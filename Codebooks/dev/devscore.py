"""What score.py and score_passages.py share: coding texts with `kwal code`, and the score table."""
import csv, os, subprocess, sys, tempfile
from collections import defaultdict


def code_texts(kwal, codebook, texts, suggestions=True):
    """Codes each text as one .txt document of a temporary corpus; returns, per text, its codings
    (the rows of codings.csv, and of suggestions.csv unless `suggestions` is False: the learned
    cues' suggestions count, as the scores of the cues have always counted them)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
        os.mkdir(corpus)
        for i, text in enumerate(texts):
            with open(os.path.join(corpus, f"s{i:05d}.txt"), "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        r = subprocess.run([kwal, "code", corpus, "--codebook", codebook, "--out", out, "--quiet"])
        if r.returncode != 0:
            sys.exit(f"kwal code failed with exit code {r.returncode}")
        codings = [[] for _ in texts]
        files = ["codings.csv"] + (["suggestions.csv"] if suggestions else [])
        for name in files:
            path = os.path.join(out, name)
            if not os.path.exists(path):
                continue
            with open(path, newline="", encoding="utf-8") as fh:
                for c in csv.DictReader(fh):
                    codings[int(c["document"][1:6])].append(c)
        return codings


class Score:
    """Per-code true positives, false positives and false negatives; `add` prints the misses
    when `misses` is set."""

    def __init__(self, misses=False):
        self.tp, self.fp, self.fn = defaultdict(int), defaultdict(int), defaultdict(int)
        self.misses = misses

    def add(self, gold, pred, label):
        for c in gold & pred:
            self.tp[c] += 1
        for c in sorted(pred - gold):
            self.fp[c] += 1
            if self.misses:
                print(f"FP {c:26} {label}")
        for c in sorted(gold - pred):
            self.fn[c] += 1
            if self.misses:
                print(f"FN {c:26} {label}")

    @staticmethod
    def prf(t, p, n):
        pr = t / (t + p) if t + p else 0.0
        rc = t / (t + n) if t + n else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    def print(self, what):
        """The per-code table and the micro line (`what` says what was scored)."""
        print(f"{'code':26} {'tp':>3} {'fp':>3} {'fn':>3}  {'prec':>5} {'rec':>5} {'f1':>5}")
        for c in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            pr, rc, f = self.prf(self.tp[c], self.fp[c], self.fn[c])
            print(f"{c:26} {self.tp[c]:3} {self.fp[c]:3} {self.fn[c]:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}")
        T, P, N = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        pr, rc, f = self.prf(T, P, N)
        print(f"{'MICRO':26} {T:3} {P:3} {N:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}   ({what})")
