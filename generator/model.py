"""The volume model: plain dataclasses passed forward from stage to stage.

Every page, export and check is a view of a `Volume`; `Volume.to_dict()` is the public JSON shape
described in CONTRACT.md (field names are an interface: add, never rename or drop).
"""
from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Optional, TypedDict, Union

from .language.textutil import slug


@dataclass(slots=True)
class LineLayout:
    """How and where a line of a PDF is printed (pdf.py reads it; text input has none)."""

    page: int  # 0-based index of the PDF page
    size: float  # font size of most of its characters, in points
    bold: bool
    italic: bool
    x: float  # left edge, points from the page's left
    y: float  # top, points from the page's top
    column: int = 0  # 0: across the page (or a page in one column); 1 left, 2 right
    fill: float = 1.0  # the share of its column's width the line fills
    # Page furniture found by position (`running-head`, `page-number`): the clean stage removes
    # the line under this rule.
    furniture: Optional[str] = None
    title: bool = False  # the largest text at the top of a page: an article's title


@dataclass
class SourceText:
    """One raw input file, decoded, with newlines normalised; line i is `lines[i - 1]`."""

    name: str
    lines: list[str]
    encoding: str = "utf-8"
    # Printed page number of each raw line where the input marks pages (PDF, form feeds), else None.
    page_of_line: Optional[list[Optional[int]]] = None
    # PDF input: each raw line's layout (None for the empty lines between paragraphs).
    layout: Optional[list[Optional[LineLayout]]] = None
    # The file is one article, or front or back matter (a PDF in a folder of per-article PDFs):
    # it is split only where it clearly holds a second head.
    single: bool = False


@dataclass(slots=True)  # tens of thousands per volume, pickled between processes
class Block:
    """A cleaned paragraph, list item or heading, pointing back to its raw lines."""

    kind: str  # "para" | "bullet" | "numbered" | "heading"
    text: str
    source: str
    line_start: int
    line_end: int
    page: Optional[int] = None
    number: Optional[str] = None  # "1." of a numbered item, as printed
    page_start: bool = False  # the block begins a new printed page
    # Sorted (char offset in `text`, raw line) pairs: where each raw line's text begins.
    offsets: list[tuple[int, int]] = field(default_factory=list)
    # From a PDF's layout (None for text input): font size and weight of most of its lines, and
    # whether it is set as a title (the largest text at the top of a page).
    size: Optional[float] = None
    bold: Optional[bool] = None
    title_font: bool = False

    # Pickled as its constructor's arguments, read by one attrgetter (in C): a slots
    # dataclass pickles through fields() and a setattr per field in Python, which took half of
    # moving a volume's blocks from the extraction workers.
    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        return (Block, _BLOCK_FIELDS(self))

    def line_at(self, offset: int) -> int:
        """Raw line number of the character at `offset` of `text`."""
        if not self.offsets:
            return self.line_start
        i = bisect.bisect_right([o for o, _ in self.offsets], offset) - 1
        return self.offsets[max(i, 0)][1]


_BLOCK_FIELDS = operator.attrgetter(*(f.name for f in fields(Block)))


@dataclass
class Author:
    name: str
    affiliation: Optional[str] = None
    email: Optional[str] = None
    person: Optional[str] = None  # person id (people index), when known
    position: Optional[str] = None  # post or status as printed (`студент 2 курса`, `доцент`)

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "affiliation": self.affiliation, "email": self.email,
             "position": self.position}
        if self.person:
            d["person"] = self.person
        return d


@dataclass
class Article:
    id: str
    source: str
    lines: list[int]
    pages: Optional[list[Optional[int]]] = None
    complete: bool = True
    language: Optional[str] = None
    title: Optional[str] = None
    udc: Optional[str] = None
    authors: list[Author] = field(default_factory=list)
    affiliation: Optional[str] = None
    programme: Optional[str] = None
    supervisor: Optional[str] = None
    abstract: Optional[str] = None
    abstracts: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    keywords_by_language: dict[str, list[str]] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    body: str = ""
    city: Optional[str] = None
    # Body blocks with raw-line mapping, for the enrich stage (not serialised).
    blocks: list[Block] = field(default_factory=list, repr=False)
    # Filled by enrich: glossary terms found (entry key -> count) and sentence anchors.
    terms: dict[str, int] = field(default_factory=dict, repr=False)
    anchors: dict[int, str] = field(default_factory=dict, repr=False)  # raw line -> anchor id
    supervisor_person: Optional[str] = None
    # Printed front-matter lines no field took (a title whose letters were lost, a classification
    # code, an unknown line): kept and shown, never dropped.
    front_matter_other: list[str] = field(default_factory=list)
    # What the reference list is followed by that is no summary (appendices, tables), as Markdown.
    appendix: str = ""
    # Raw line ranges this article owns: its span without the page furniture removed inside it.
    line_ranges: list[list[int]] = field(default_factory=list)
    # The title in other languages, where summaries after the references print one.
    titles: dict[str, str] = field(default_factory=dict)
    references_heading: Optional[str] = None  # as printed: `Список литературы`, `References`
    doi: Optional[str] = None  # the article's own DOI where its head prints one
    classification: list[str] = field(default_factory=list)  # МРНТИ / IRSTI / JEL lines, as printed
    supervisor_email: Optional[str] = None
    # The title as pages and exports show it: sentence case where `title` is printed in capitals
    # (enrich/titlecase.py), or the editor's own form (corrections.yml); `title` stays printed.
    title_display: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "source": self.source,
            "lines": list(self.lines),
            "pages": list(self.pages) if self.pages else None,
            "complete": self.complete,
            "language": self.language,
            "title": self.title,
            "udc": self.udc,
            "authors": [a.to_dict() for a in self.authors],
            "affiliation": self.affiliation,
            "programme": self.programme,
            "supervisor": self.supervisor,
            "abstract": self.abstract,
            "abstracts": dict(self.abstracts),
            "keywords": list(self.keywords),
            "keywords_by_language": {k: list(v) for k, v in self.keywords_by_language.items()},
            "references": list(self.references),
            "body": self.body,
            "city": self.city,
            "front_matter_other": list(self.front_matter_other),
            "appendix": self.appendix,
            "line_ranges": [list(r) for r in self.line_ranges],
            "titles": dict(self.titles),
            "references_heading": self.references_heading,
            "doi": self.doi,
            "classification": list(self.classification),
            "supervisor_email": self.supervisor_email,
        }
        if self.supervisor_person:
            d["supervisor_person"] = self.supervisor_person
        d["title_display"] = self.title_display
        return d


@dataclass
class Region:
    """A part of the volume that is no article: its front matter (title page, imprint, foreword,
    contents), a section heading, its back matter, or lines an editor marked as no article.
    Each is a page of the site, so its text is read and searched like an article's."""

    id: str
    kind: str  # "front_matter" | "section" | "back_matter" | "excluded"
    source: str
    lines: list[int]  # [first, last] raw line
    title: Optional[str] = None  # a section's printed heading; None for the others
    body: str = ""  # cleaned Markdown
    line_ranges: list[list[int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "source": self.source, "lines": list(self.lines),
                "title": self.title, "body": self.body,
                "line_ranges": [list(r) for r in self.line_ranges]}


@dataclass
class Furniture:
    """Raw lines removed as page furniture by one named rule (`page-number`, `running-head` …)."""

    source: str
    rule: str
    lines: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "rule": self.rule, "lines": list(self.lines)}


@dataclass
class TimelineEvent:
    date: str  # ISO 8601 at the text's precision: 1999, 1999-12, 1999-12-05, 1990s
    precision: str  # "year" | "month" | "day" | "decade"
    article: str
    line: int
    sentence: str
    event: str  # short label
    language: Optional[str] = None
    anchor: Optional[str] = None  # id of the sentence anchor in the article page
    # Further sources of the same event (same date, same act) from other articles.
    also: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "date": self.date,
            "precision": self.precision,
            "article": self.article,
            "line": self.line,
            "sentence": self.sentence,
            "event": self.event,
        }
        if self.anchor:
            d["anchor"] = self.anchor
        if self.also:
            d["also"] = list(self.also)
        return d


@dataclass
class GlossaryEntry:
    kk: Optional[str]
    ru: Optional[str]
    en: Optional[str] = None
    articles: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # article id -> occurrences
    variants: dict[str, list[str]] = field(default_factory=dict)  # lang -> other spellings
    origin: str = "lexicon"  # "lexicon" | "keywords" | "editor"

    @functools.cached_property
    def key(self) -> str:
        """Stable identifier of the entry (anchor on the glossary pages)."""
        return slug(self.kk or self.ru or self.en or "term")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kk": self.kk, "ru": self.ru, "en": self.en,
                             "articles": list(self.articles)}
        if self.counts:
            d["counts"] = dict(self.counts)
        if any(self.variants.values()):  # other spellings met in texts (ЕҚЫҰ for the OSCE)
            d["variants"] = {k: list(v) for k, v in sorted(self.variants.items()) if v}
        return d


@dataclass
class Person:
    id: str
    name: str  # preferred printed form
    variants: list[str] = field(default_factory=list)
    latin: Optional[str] = None
    authored: list[str] = field(default_factory=list)
    supervised: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "variants": list(self.variants),
            "latin": self.latin,
            "authored": list(self.authored),
            "supervised": list(self.supervised),
            "affiliations": list(self.affiliations),
        }


# The volume's metadata as a publishing stage reads it: VolumeMeta, or a copy the site extended.
Meta = Mapping[str, Any]

# A text of volume.yml: one string, or one per language ({kk: …, ru: …, en: …}).
Text = Union[str, dict[str, str]]


class VolumeMeta(TypedDict, total=False):
    """`content/volume.yml` as the editor wrote it, every key optional; ingest/meta.py checks
    each value's type once, on reading (its FIELDS name the same keys), and names the line of
    one that is wrong. The site adds what mkdocs.yml says (site_url) to a copy."""

    title: Text
    subtitle: Text
    date: str  # ISO 8601 at the precision known: 2023, 2023-04, 2023-04-21
    publication_date: str
    place: Text
    city: str
    year: Union[int, str]
    publisher: Text
    isbn: str
    editors: list[Any]
    site_url: str
    licence: str
    license: str
    pdf_url: str
    article_pdf_url: str  # a pattern with {id}: each article's PDF
    doi_prefix: str
    doi_pattern: str
    volume_doi: str
    depositor: dict[str, Any]
    registrant: str
    admin_email: str
    oai_gateway: str
    repository_name: Text
    conference: Text
    conference_name: Text
    conference_acronym: str
    conference_location: str
    conference_date: Text
    slug: str
    language: str
    sections: Union[list[Any], dict[str, Any]]
    files: list[str]  # the input folder's files in volume order (per-article PDFs)


@dataclass
class Volume:
    source: list[str]
    articles: list[Article] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    meta: VolumeMeta = field(default_factory=lambda: VolumeMeta())  # content/volume.yml
    regions: list[Region] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    # Notes for the editor (unknown frequent terms, fields not found); shown by `jinaq check`.
    notes: list[str] = field(default_factory=list)
    # Old article address -> its address now (ids.yml renames, merges): pages that redirect.
    redirects: dict[str, str] = field(default_factory=dict)

    def sentence_anchors(self) -> dict[str, dict[int, list[tuple[str, str]]]]:
        """article id -> raw line -> [(anchor id, sentence)]: where the timeline links into
        article pages, merged sources included."""
        out: dict[str, dict[int, list[tuple[str, str]]]] = {}
        seen: set[tuple[str, int, str]] = set()
        for e in self.timeline:
            spots = [(e.article, e.line, e.anchor, e.sentence)]
            spots.extend((s["article"], s["line"], s.get("anchor"), s.get("sentence", ""))
                         for s in e.also)
            for article, line, anchor, sentence in spots:
                if anchor and (article, line, anchor) not in seen:
                    seen.add((article, line, anchor))
                    out.setdefault(article, {}).setdefault(line, []).append((anchor, sentence))
        return out

    def article(self, article_id: str) -> Optional[Article]:
        return next((a for a in self.articles if a.id == article_id), None)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "source": list(self.source),
            "articles": [a.to_dict() for a in self.articles],
            "timeline": [e.to_dict() for e in self.timeline],
            "glossary": [g.to_dict() for g in self.glossary],
        }
        if self.people:
            d["people"] = [p.to_dict() for p in self.people]
        d["regions"] = [r.to_dict() for r in self.regions]
        d["furniture"] = [f.to_dict() for f in self.furniture]
        if self.meta:
            d["volume"] = self.meta
        if self.redirects:
            d["redirects"] = dict(sorted(self.redirects.items()))
        return d
