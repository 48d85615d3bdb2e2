"""Events (meetings, visits, congresses, elections, trainings, protests). (to be written)"""
from unionkg.ingest.context import DocContext

def find_events(ctx: DocContext) -> None:
    return None
