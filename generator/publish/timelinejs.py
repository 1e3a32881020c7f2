"""The timeline as TimelineJS3 data (timeline.json): one slide per event, for readers who lay it
out in TimelineJS; the site's own timeline pages are pages/timeline_page.py."""
from __future__ import annotations

import html

from ..model import TimelineEvent


def _js_date(iso: str) -> dict:
    if iso.endswith("s"):
        return {"year": int(iso[:-1])}
    parts = [int(p) for p in iso.split("-")]
    return dict(zip(("year", "month", "day"), parts))


def to_timelinejs(events: list[TimelineEvent], titles: dict[str, str],
                  urls: dict[str, str]) -> dict:
    """TimelineJS3 JSON: one slide per event, the sentence and links as (escaped) HTML."""
    slides = []
    for e in events:
        sources = [{"article": e.article, "anchor": e.anchor}] + list(e.also)
        links = " ".join(
            f'<a href="{html.escape(urls.get(s["article"], s["article"]) + "#" + s["anchor"])}">'
            f'{html.escape(titles.get(s["article"]) or s["article"])}</a>' for s in sources)
        slide = {
            "start_date": _js_date(e.date),
            "text": {"headline": html.escape(e.event),
                     "text": f"<p>{html.escape(e.sentence)}</p><p>{links}</p>"},
            "group": titles.get(e.article) or e.article,
            "unique_id": f"{e.article}-{e.anchor}",
        }
        if e.precision == "decade":
            slide["end_date"] = {"year": int(e.date[:-1]) + 9}
            slide["display_date"] = e.date
        slides.append(slide)
    return {"events": slides}
