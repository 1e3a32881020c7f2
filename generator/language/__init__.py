"""Language: what Jinaq knows of Kazakh, Russian and English words, letters and names, shared by
every stage and by the browser's search: the Kazakh alphabet and its order (alphabet), personal
names parsed once into a Name (names), look-alike letters and slugs (textutil), stems, lemmas and
verb forms (morphology, with generator/data/kk_suffixes.yml and event_grammar.yml)."""
