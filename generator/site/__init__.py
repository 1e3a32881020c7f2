"""Site: the MkDocs adapter. The `jinaq` plugin's hooks (plugin) and options (config); the
`jinaq/search` plugin (search_plugin); what
readers see around every page (theme, fragments); Markdown converted ahead and cached
(prerender); the files that are no page (outputs); what `mkdocs serve` keeps and shows while an
editor works (preview); and every use of MkDocs', Material's and watchdog's internals, behind
version checks (compat)."""
