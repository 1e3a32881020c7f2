"""The timeline as readers see it: the page (or, for a long timeline, a page per year), in the
reader's language.

The events and their labels come from the timeline stage (timeline.py); this module only shows
them: one `<h1>` (the page title once), years and decades as headings («1990-жылдар»,
«1990-е годы», "1990s"), dates as the reader's language writes them (Babel), each event's label
as its heading line, the source sentence quoted, and links to that sentence in each article that
reports the event. An event reported in several languages is tagged with all of them
(`data-langs`), so the language filter hides it only when all its languages are unticked.
"""
from __future__ import annotations

import html
import itertools
from typing import Any, Optional

from .env import environment
from .i18n import format_iso_date, strings
from ..model import TimelineEvent
from .memo import PageMemo
from .paging import chunk_by_size
from ..util.memo import view_key

PAGE_EVENTS = 60  # events per timeline page: keeps pages small for big volumes


def display_date(e: TimelineEvent, lang: str) -> str:
    """The date at its precision, as `lang` writes it: "30 тамыз 1995", "декабрь 1999", "1995",
    "1990-е годы"."""
    if e.precision == "decade" and e.date[:4].isdigit():
        return strings(lang).f("decade", decade=int(e.date[:4]))
    return format_iso_date(e.date, lang) or e.date


def group_label(e: TimelineEvent, lang: str) -> str:
    """The heading an event is filed under: its decade (in words) or its year."""
    if e.precision == "decade":
        return display_date(e, lang)
    return e.date[:4]


def _group_slug(e: TimelineEvent) -> str:
    return e.date[:4] + ("s" if e.precision == "decade" else "")


def label_text(e: TimelineEvent) -> str:
    """The event's label as a heading line: capitalised; where the stage gives a piece cut out of
    the sentence, "…" shows each cut (the reader then knows to read the quote)."""
    label = " ".join(e.event.split())
    sentence = " ".join(e.sentence.split())
    if not label:
        return ""
    at = sentence.find(label)
    if at < 0:  # the stage's own wording ("Конституция қабылданды")
        return label[:1].upper() + label[1:]
    rest = sentence[at + len(label):].strip(" .!?…")
    if at > 0:
        return "…" + label + ("…" if rest else "")
    return label[:1].upper() + label[1:] + ("…" if rest else "")


def groups(events: list[TimelineEvent], titles: dict[str, str], languages: dict[str, str],
           lang: str, base: str = "articles/") -> list[dict]:
    """Template context: events by decade or year, each with its sources' links and languages.
    `titles`: article id -> title as shown; `languages`: article id -> its language."""
    out: list[dict] = []
    for e in events:
        slug = _group_slug(e)
        if not out or out[-1]["slug"] != slug:
            out.append({"slug": slug, "label": group_label(e, lang), "events": []})
        sources = [{"article": e.article, "line": e.line, "anchor": e.anchor}] + list(e.also)
        links = [{"url": f"{base}{s['article']}.html#{s['anchor']}",
                  "title": titles.get(s["article"]) or s["article"],
                  "lang": languages.get(s["article"]) or "und"} for s in sources]
        langs = sorted({e.language or "und"} | {x["lang"] for x in links})
        out[-1]["events"].append({
            "date": display_date(e, lang), "iso": e.date, "precision": e.precision,
            "label": label_text(e), "sentence": e.sentence, "language": e.language or "und",
            "langs": " ".join(langs), "links": links})
    return out


def _languages(events: list[TimelineEvent], languages: dict[str, str]) -> list[str]:
    found = {e.language or "und" for e in events}
    found |= {languages.get(s["article"]) or "und" for e in events for s in e.also}
    return sorted(found)


def render_timeline_pages(events: list[TimelineEvent], titles: dict[str, str],
                          languages: dict[str, str], lang: str,
                          memo: Optional[PageMemo] = None) -> dict[str, str]:
    """The timeline as site pages: `timeline.md` while it is short; else an overview of the years
    and decades there, with one page per year under timeline/ (in parts of PAGE_EVENTS). With
    `memo` (the last build's pages), only the years that changed are rendered again."""
    years = (PageMemo() if memo is None else memo).years
    t = strings(lang)
    template = environment().get_template("timeline_page.md.j2")
    langs = _languages(events, languages)
    if len(events) <= PAGE_EVENTS:
        return {"timeline.md": template.render(
            title=t.timeline, t=t, ui=lang, languages=langs,
            groups=groups(events, titles, languages, lang))}
    pages: dict[str, str] = {}
    overview = [f"# {html.escape(t.timeline)}", ""]
    for slug, run in itertools.groupby(events, key=_group_slug):
        evs = list(run)
        # A year's pages are made again only when its events, or the titles and languages of
        # the articles they link, changed (an edit touches a year or two of hundreds).
        key = _year_key(slug, evs, titles, languages, lang, langs)
        made = years.get(key)
        if made is None:
            [group] = groups(evs, titles, languages, lang, base="../articles/")
            made = years.keep(key, _year_pages(group, template, t, lang, langs))
        pages.update(made)
        overview.append(f"- [{html.escape(group_label(evs[0], lang))}](timeline/{slug}.md) "
                        f"({t.n('n_events', len(evs))})")
    pages["timeline.md"] = "\n".join(overview) + "\n"
    years.done()
    return pages


def _year_key(slug: str, events: list[TimelineEvent], titles: dict[str, str],
              languages: dict[str, str], lang: str, langs: list[str]) -> str:
    """A digest of everything a year's pages show."""
    ids = sorted({e.article for e in events} | {s["article"] for e in events for s in e.also})
    shown = (slug, events, [(i, titles.get(i), languages.get(i)) for i in ids], lang, langs)
    return view_key(shown)


def _year_pages(group: dict, template: Any, t: Any, lang: str, langs: list[str]
                ) -> dict[str, str]:
    """A year's (or decade's) pages: timeline/<slug>.md, in parts of PAGE_EVENTS."""
    slug = group["slug"]
    chunks = chunk_by_size(group["events"], _event_size, max_items=PAGE_EVENTS)
    names = [f"{slug}.md" if k == 0 else f"{slug}-{k + 1}.md" for k in range(len(chunks))]
    pages = {}
    for k, chunk in enumerate(chunks):
        part = f" ({k + 1}/{len(chunks)})" if len(chunks) > 1 else ""
        text = template.render(title=f"{t.timeline}: {group['label']}{part}", t=t, ui=lang,
                               languages=langs, groups=[dict(group, events=chunk)])
        if len(chunks) > 1:
            text += "\n" + " · ".join(f"[{n + 1}]({names[n]})" if n != k else f"**{n + 1}**"
                                      for n in range(len(chunks))) + "\n"
        pages[f"timeline/{names[k]}"] = text
    return pages


def _event_size(e: dict) -> int:
    """Roughly the bytes an event takes on the page (HTML escaping and markup included)."""
    text = e["label"] + e["sentence"] + "".join(x["title"] + x["url"] for x in e["links"])
    return 2 * len(text.encode("utf-8")) + 300
