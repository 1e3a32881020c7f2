"""Language: what Jinaq knows of Kazakh, Russian and English words and letters, shared by every
stage and by the browser's search: look-alike letters and slugs (textutil), stems, lemmas and verb
forms (morphology, with generator/data/kk_suffixes.yml and event_grammar.yml)."""
