"""Builds a corpus of real Dutch text for the throughput benchmark: the raw sentences of the
Universal Dependencies Dutch treebanks (news and Wikipedia, `# text =` lines of ../shared/data),
laid out as interview transcripts (`I:` and `R1:` turns of two to five sentences, 40 to 80
sentences a document), drawn in a seeded order and reused until the corpus has the size asked for.
Also writes every document, one after another, to one file for `kwal tokenize`.

usage: real_corpus.py UD_FOLDER OUT_FOLDER MEGABYTES SINGLE_FILE
"""
import os
import random
import sys

ud, out, megabytes, single = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
target = int(megabytes * 1_000_000)
sentences = []
for name in sorted(os.listdir(ud)):
    if name.endswith(".conllu"):
        for line in open(os.path.join(ud, name), encoding="utf-8"):
            if line.startswith("# text = "):
                sentences.append(line[len("# text = "):].strip())
if not sentences:
    sys.exit(f"real_corpus.py: no sentences in {ud}")
random.seed(25)
os.makedirs(out, exist_ok=True)
written = 0
number = 0
order = []
with open(single, "w", encoding="utf-8") as whole:
    while written < target:
        lines = []
        speaker = "I"
        count = random.randint(40, 80)
        while count > 0:
            turn = min(count, random.randint(2, 5))
            picked = []
            for _ in range(turn):
                if not order:
                    order = list(range(len(sentences)))
                    random.shuffle(order)
                picked.append(sentences[order.pop()])
            lines.append(f"{speaker}: " + " ".join(picked))
            speaker = "R1" if speaker == "I" else "I"
            count -= turn
        text = "\n\n".join(lines) + "\n"
        number += 1
        folder = os.path.join(out, f"case-{number % 12:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"interview-{number:05d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(text)
        whole.write(text + "\n")
        written += len(text.encode("utf-8"))
print(f"{number}\t{written}\t{len(sentences)}")
