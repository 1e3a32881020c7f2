"""Machinery no stage owns: work spread over forked processes (parallel), output folders swapped
in whole (fsutil), the terminal's progress bar (progress), YAML read fast (yamlfile)."""
