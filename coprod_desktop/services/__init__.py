"""Use cases that tie domain rules to storage: what the UI and the CLI call."""
