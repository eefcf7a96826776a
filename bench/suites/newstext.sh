#!/usr/bin/env bash
# The codebook on news and encyclopedia text that nobody on the project wrote and that is not about
# last-mile collaborations: the distinct raw sentences of the UD Dutch treebanks (Alpino news,
# LassySmall Wikipedia), 40 to a document, so that most documents meet the codebook's domain
# context through one sentence that mentions a municipality or a project. What gets coded there is
# the codebook's words in other senses. Split by treebank file: the dev files are the development
# part, the test files the test part. Prints a Markdown section.
set -uo pipefail
work="$BENCH_WORK/newstext"
codebook="$KWAL_ROOT/Codebooks/lastmile.yaml"
source "$KWAL_ROOT/bench/lib/ud.sh"
ud_section "Words in other senses: news and encyclopedia text" "$work"
python3 - "$ud" "$work" > "$work/parts.tsv" <<'PY'
import hashlib, os, sys
ud, work = sys.argv[1], sys.argv[2]
parts = {"dev": [], "test": []}
seen = set()
for name in sorted(os.listdir(ud)):
    if not name.endswith(".conllu"):
        continue
    part = "dev" if "-dev" in name else "test"
    for line in open(os.path.join(ud, name), encoding="utf-8"):
        if line.startswith("# text = "):
            sentence = line[len("# text = "):].strip()
            if sentence not in seen:
                seen.add(sentence)
                parts[part].append(sentence)
for part, sentences in parts.items():
    folder = os.path.join(work, part)
    os.makedirs(folder)
    for start in range(0, len(sentences), 40):
        with open(os.path.join(folder, f"doc-{start // 40:04d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(sentences[start:start + 40]) + "\n")
    digest = hashlib.sha256("\n".join(sentences).encode()).hexdigest()
    print(f"{part}\t{len(sentences)}\t{(len(sentences) + 39) // 40}\t{digest}")
PY
echo "Sentences: the distinct \`# text\` lines of the four UD Dutch files in \`../shared/data\` (Alpino"
echo "news, LassySmall Wikipedia), 40 to a document in file order; the \`-dev\` files are the"
echo "development part, the \`-test\` files the test part (scored once per release; SHA-256 of its"
echo "sentences below). Codebook \`Codebooks/lastmile.yaml\` with its cues. The text is not about"
echo "last-mile collaborations, but a document meets the codebook's domain context as soon as one of"
echo "its sentences names a municipality, a project or an organisation: what is coded is mostly the"
echo "codebook's words in another sense (a Grand Prix, a university college, a list of"
echo "municipalities, a suspect held by the police). Some codings fit their code's definition in"
echo "another field (a municipality's role in youth health care), so these are counts, not an error rate."
echo
echo "| part | documents | sentences | codings | per 1,000 sentences | suggestions | per 1,000 sentences |"
echo "|---|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r part sentences documents digest; do
  "$KWAL_BIN" code "$work/$part" --codebook "$codebook" --out "$work/out-$part" --quiet
  codings=$(($(wc -l < "$work/out-$part/codings.csv") - 1))
  suggestions=$(($(wc -l < "$work/out-$part/suggestions.csv") - 1))
  awk -v p="$part" -v d="$documents" -v s="$sentences" -v c="$codings" -v g="$suggestions" \
    'BEGIN { printf "| %s | %d | %d | %d | %.1f | %d | %.1f |\n", p, d, s, c, 1000 * c / s, g, 1000 * g / s }'
  [ "$part" = test ] && test_digest=$digest
done < "$work/parts.tsv"
echo
echo "Test part: SHA-256 of its sentences (joined by line ends) \`${test_digest:-}\`."
echo
echo "Target (issue: codings a researcher can trust): in a document about a collaboration, the code's"
echo "words in another sense get the code at most once in 20; off-topic prose at most 5 codings and 10"
echo "suggestions per 1,000 sentences."
rm -rf "$work"
