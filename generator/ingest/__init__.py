"""Ingest: the editor's input to articles. Reading text and PDF files (read, pdf, pdflayout,
invisible), the clean -> segment -> extract stages with the front-matter line shapes they share
(patterns), and the editor's files that steer them (corrections.yml, ids.yml, volume.yml: corrections,
ids, meta)."""
