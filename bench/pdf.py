"""`python -m bench.pdf`: PDF input, measured (issue #23). Nothing is asserted here.

1. Reading speed: pages per second of `read_input` (pdfminer.six and the layout analysis) on a
   generated volume of dense pages (one and two columns, fpdf2: a test dependency) and, when
   `../shared/dev` is beside the project, on its real article PDFs.
2. With `../shared/dev`: text input against PDF input on the same articles, per field. Each
   article PDF in `dev/*/pdf/` is paired with its gold by the `pdf` key's file name (the person's
   reading in `tests/dev_gold/*.extra.yml` merged in by span); the text side is the same article's
   span of the volume's pdftotext text, as a file of its own. The PDFs are read as one folder
   per volume (each file one article), as an editor gives them.

Run from the repository root: `python -m bench.pdf [--pages N] [--no-dev]`.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
EXTRA = ROOT / "tests" / "dev_gold"
FIELDS = ("title", "title_exact", "authors", "authors_exact", "emails", "author_affiliations",
          "supervisor", "abstract", "keywords", "references", "language")


# --- 1. speed -----------------------------------------------------------------------------------

def make_speed_volume(path: Path, pages: int) -> Path:
    """A PDF of `pages` dense pages: articles of four pages, every fourth page in two columns,
    each with a running head and a page number (the test helpers typeset it)."""
    sys.path.insert(0, str(ROOT / "tests"))  # the PDF typesetter the tests use
    from make_pdf import Columns, Para, make_layout_pdf
    from pdf_volume import KK_ARTICLE, RU_ARTICLE, RU_BODY_1, RU_BODY_2

    full = [Para(RU_BODY_1), Para(RU_BODY_2)] * 4
    half = [Para(RU_BODY_1), Para(RU_BODY_2)] * 4
    article = [RU_ARTICLE[0], full, [Columns(half, half)], full, KK_ARTICLE[0], full,
               [Columns(half, half)], full]
    out = [article[n % len(article)] for n in range(pages)]
    return make_layout_pdf(path, out, running_head="Материалы конференции, 2024",
                           first_number=1, head_on_first_page=True)


def pages_per_second(paths: list[Path], repeat: int = 2) -> tuple[int, float]:
    """(pages, best pages/s over `repeat` runs) of reading the PDFs."""
    from generator.ingest.read import read_input

    best = 0.0
    pages = 0
    for _ in range(repeat):
        start = time.perf_counter()
        pages = 0
        for p in paths:
            src = read_input(p)[0]
            pages += 1 + max((x.page for x in src.layout if x is not None), default=0)
        best = max(best, pages / (time.perf_counter() - start))
    return pages, best


# --- 2. text against PDF on the real articles ------------------------------------------------

@dataclass
class Pair:
    volume: str
    pdf: str
    gold: dict
    text: dict = field(default_factory=dict)  # field -> score, text input
    from_pdf: dict = field(default_factory=dict)  # field -> score, PDF input
    titles: tuple = ("", "")
    authors: tuple = ((), ())

    def right(self, side: str) -> bool:
        """Title and authors both right (token F1 and author F1 of 1)."""
        scores = self.text if side == "text" else self.from_pdf
        return scores.get("title") == 1.0 and scores.get("authors") == 1.0


def compare(dev: Path = DEV, extra: Path = EXTRA) -> list[Pair]:
    from generator.quality.evaluate import evaluate, load_gold
    from generator.pipeline import extract_volume

    pairs: list[Pair] = []
    for gold_path in sorted(dev.glob("*/*.gold.yml")):
        folder = gold_path.parent / "pdf"
        pdfs = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
        if not pdfs:
            continue
        gold = load_gold(gold_path, [extra])
        text = (gold_path.parent / gold["source"]).read_text(encoding="utf-8").split("\n")
        by_file = {Path(a["pdf"]).name: a for a in gold.get("articles", []) if a.get("pdf")}
        from_pdf = extract_volume(folder, do_enrich=False).to_dict()
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for pdf in pdfs:
                g = by_file.get(re.sub(r"^\d+_", "", pdf.name))
                if g is None:
                    continue
                a, b = g["span"]
                one = {k: v for k, v in g.items() if k not in ("span", "lines", "pdf")}
                one["lines"] = [1, 10 ** 6]  # the whole file is the article
                gold_file = tmp / f"{pdf.stem}.yml"
                gold_file.write_text(yaml.safe_dump({"articles": [one]}, allow_unicode=True),
                                     encoding="utf-8")
                txt = tmp / f"{pdf.stem}.txt"
                txt.write_text("\n".join(text[a - 1:b]) + "\n", encoding="utf-8")
                from_text = extract_volume(txt, do_enrich=False).to_dict()
                mine = {**from_pdf, "articles": [x for x in from_pdf["articles"]
                                                 if x["source"] == pdf.name]}
                pair = Pair(gold_path.parent.name, pdf.name, g)
                for side, volume in (("text", from_text), ("pdf", mine)):
                    report = evaluate(gold_file, volume)
                    scores = {name: report.score(name) for name in FIELDS
                              if report.score(name) is not None}
                    setattr(pair, "text" if side == "text" else "from_pdf", scores)
                pair.titles = tuple(_first(v, "title") for v in (from_text, mine))
                pair.authors = tuple(tuple(x["name"] for x in (_first(v, "authors") or []))
                                     for v in (from_text, mine))
                pairs.append(pair)
    return pairs


def _first(volume: dict, key: str):
    return volume["articles"][0].get(key) if volume.get("articles") else None


def comparison_table(pairs: list[Pair]) -> str:
    rows = ["| field | n | text input | PDF input |", "|---|---|---|---|"]
    for name in FIELDS:
        t = [p.text[name] for p in pairs if name in p.text]
        f = [p.from_pdf[name] for p in pairs if name in p.from_pdf]
        if t or f:
            rows.append(f"| {name} | {len(t)} | {_mean(t)} | {_mean(f)} |")
    rows.append(f"| title and authors right | {len(pairs)} | "
                f"{sum(p.right('text') for p in pairs)} | {sum(p.right('pdf') for p in pairs)} |")
    rows += ["", "| article | title (text / PDF) | authors (text / PDF) |", "|---|---|---|"]
    for p in pairs:
        rows.append(f"| {p.volume}/{p.pdf} | {p.text.get('title', 0):.2f} / "
                    f"{p.from_pdf.get('title', 0):.2f} | {p.text.get('authors', 0):.2f} / "
                    f"{p.from_pdf.get('authors', 0):.2f} |")
    return "\n".join(rows)


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "—"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the generated PDF")
    parser.add_argument("--no-dev", action="store_true", help="skip ../shared/dev")
    args = parser.parse_args(argv)
    rows = ["| input | pages | pages/s (best of 2) | target |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = make_speed_volume(Path(tmp) / "speed.pdf", args.pages)
        n, speed = pages_per_second([synthetic])
        rows.append(f"| generated, dense (¼ of pages in two columns) | {n} | {speed:.1f} | ≥ 20 |")
    dev_pdfs = sorted(DEV.glob("*/pdf/*.pdf")) if DEV.is_dir() and not args.no_dev else []
    if dev_pdfs:
        n, speed = pages_per_second(dev_pdfs)
        rows.append(f"| ../shared/dev article PDFs ({len(dev_pdfs)} files) | {n} | {speed:.1f} "
                    f"| ≥ 20 |")
    print("\n".join(rows))
    if dev_pdfs:
        print()
        print(comparison_table(compare()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
