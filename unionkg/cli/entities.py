"""(filled by the issue that owns this command group)."""
