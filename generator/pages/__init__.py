"""Pages: the volume model presented as Markdown pages. Article, index and region pages (render),
the glossary, timeline and people pages (glossary_pages, timeline_page, people_pages), escaping
volume text (mdtext) and the Markdown extension that sets Jinaq's HTML aside (mdext), sentence
marks and citation links (decorate), page sizes (paging), the reader's language (i18n,
generator/data/ui.yml) and the Jinja templates (templates/)."""
