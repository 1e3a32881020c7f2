"""PDF input on the real article PDFs of `../shared/dev/*/pdf/` (skipped without it): titles and
authors right on at least 11 of the 12, and no field worse than from the same articles' pdftotext
text. `python -m bench.pdf` prints the per-field table."""
from __future__ import annotations

import pytest

from bench.pdf import DEV, FIELDS, compare

pytestmark = pytest.mark.skipif(not any(DEV.glob("*/pdf/*.pdf")),
                                reason="../shared/dev is not beside the project")


@pytest.fixture(scope="module")
def pairs():
    return compare()


def test_titles_and_authors_right_from_the_pdfs(pairs):
    assert len(pairs) == 12
    right = [p.pdf for p in pairs if p.right("pdf")]
    assert len(right) >= 11, [(p.pdf, p.titles, p.authors) for p in pairs if not p.right("pdf")]
    assert len(right) >= sum(p.right("text") for p in pairs)


@pytest.mark.parametrize("name", FIELDS)
def test_no_field_worse_than_from_text(pairs, name):
    text = [p.text[name] for p in pairs if name in p.text]
    pdf = [p.from_pdf[name] for p in pairs if name in p.from_pdf]
    assert len(pdf) == len(text)
    assert sum(pdf) >= sum(text)
