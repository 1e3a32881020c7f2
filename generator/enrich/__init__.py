"""Enrich: what the volume knows beyond each article, found from the extracted articles only:
the kk/ru/en glossary, the timeline of dated events (with dates), people, and sentence-case titles
(titlecase). Finding only: the pages that show them are in generator/pages/."""
