"""Agreements (MoU, cooperation/collective agreements, joint statements). (to be written)"""
from unionkg.ingest.context import DocContext

def find_agreements(ctx: DocContext) -> None:
    return None
