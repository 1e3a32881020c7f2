"""Site: the MkDocs adapter. The `jinaq` plugin (plugin), what readers see around every page
(theme, fragments), Markdown converted ahead and cached (prerender), and what `mkdocs serve` shows
while an editor works (preview)."""
