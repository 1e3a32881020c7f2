"""Quality: how well the stages did, for maintainers and editors: scoring against gold files
(evaluate, evaluate_enrich), the no-loss check (coverage) and `jinaq check` (check)."""
