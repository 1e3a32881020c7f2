"""Pages: the volume model presented as Markdown pages. Article, index and region pages (render),
the glossary, timeline pages, escaping volume text (mdtext) and the Markdown extension that sets our
HTML aside (mdext), sentence marks and citation links (decorate), page sizes (paging), the reader's
language (i18n, generator/data/ui.yml) and the Jinja templates (templates/)."""
