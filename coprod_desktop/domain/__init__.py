"""Pure-Python domain model and rules. No Qt, no SQL."""
