"""Pages: the volume model presented as Markdown pages. Article, index and region pages (render),
the glossary, timeline and people pages (glossary_pages, timeline_page, people_pages), escaping
volume text (mdtext), the Markdown extensions that set Jinaq's HTML aside (mdext) and find
links' text fast (mdlinks), sentence
marks and citation links (decorate), page sizes (paging), the reader's language (i18n,
generator/data/ui.yml) and the Jinja templates (templates/)."""
