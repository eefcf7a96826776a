"""Makes PDFs from known text for the PDF benchmark (bench/suites/pdf.sh).

Usage: pdf_corpus.py OUT_DIR SOURCE.txt...

Each source text becomes OUT_DIR/NAME.pdf, laid out with reportlab the way a word processor
would: A4, Helvetica 10.5 pt, the first line as a title in 16 pt bold, numbered agenda lines in
bold, every other line a paragraph (justified in every other document, ragged in the rest) that
wraps and, where pyphen knows the word, is hyphenated at line ends; a running header with the
document's title and a footer "Pagina N van M" on every page. OUT_DIR/NAME.txt keeps the known
text: the source's words, which is what a PDF reader should give back (headers, footers and
page numbers are not part of it). With --repeat K each text is repeated K times in its PDF
(for longer documents); its known text is repeated the same way.
"""
import argparse
import os
import re
import sys

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

try:
    import pyphen  # noqa: F401  (reportlab hyphenates with it when it is installed)

    HYPHENATION = "nl_NL"
except ImportError:
    HYPHENATION = None


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build(source, out_dir, index, repeat):
    name = os.path.splitext(os.path.basename(source))[0]
    name = f"{index:02d}-{name}"
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines = lines * repeat
    title = next((line for line in lines if line.strip()), name)
    justified = index % 2 == 0
    extra = {"hyphenationLang": HYPHENATION} if HYPHENATION else {}
    body = ParagraphStyle(
        "body", fontName="Helvetica", fontSize=10.5, leading=13.5, spaceAfter=4,
        alignment=TA_JUSTIFY if justified else TA_LEFT, **extra)
    bold = ParagraphStyle("agenda", parent=body, fontName="Helvetica-Bold", spaceBefore=6)
    heading = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=10)
    def story():
        flowables = []
        first = True
        for line in lines:
            if not line.strip():
                flowables.append(Spacer(1, 6))
                continue
            if first:
                flowables.append(Paragraph(escape(line), heading))
                first = False
            elif re.match(r"^\d{1,2}\. \S", line) and len(line) < 80:
                flowables.append(Paragraph(escape(line), bold))
            else:
                flowables.append(Paragraph(escape(line), body))
        return flowables

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, title[:90])
        canvas.drawRightString(A4[0] - 72, 30, f"Pagina {doc.page} van {doc.total}")
        canvas.restoreState()

    # Two passes: the first counts the pages for "van M".
    class Counting(SimpleDocTemplate):
        total = 0

    probe = Counting(os.devnull, pagesize=A4)
    probe.total = 0
    probe.build(story(), onFirstPage=lambda c, d: None, onLaterPages=lambda c, d: None)
    pages = probe.page
    document = Counting(os.path.join(out_dir, name + ".pdf"), pagesize=A4, title="", author="")
    document.total = pages
    document.build(story(), onFirstPage=decorate, onLaterPages=decorate)
    with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for index, source in enumerate(sorted(args.sources)):
        total += build(source, args.out, index, args.repeat)
    print(f"{total}\t{'pyphen' if HYPHENATION else 'none'}")


if __name__ == "__main__":
    sys.exit(main())
