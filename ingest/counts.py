"""Member counts of organisations. (to be written)"""
from unionkg.ingest.context import DocContext

def find_member_counts(ctx: DocContext) -> None:
    return None
