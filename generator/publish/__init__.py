"""Publish: what the world reads besides the pages: citations and exports (cite), Google Scholar
tags (scholar), sitemap and OAI files (harvest), the Crossref deposit (crossref), the search index
(search), the timeline for TimelineJS (timelinejs), the offline copy (offline) and what indexers
still miss (readiness)."""
