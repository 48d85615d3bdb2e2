"""A kill -9 during an embedded ingest leaves a store that opens and holds only whole documents."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from unionkg.graph.sqlite_store import SQLiteStore

WRITER = r"""
import sys
from unionkg.graph.ids import document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation
from unionkg.graph.sqlite_store import SQLiteStore

store = SQLiteStore(sys.argv[1])
i = 0
while True:
    text = f"Dokumen {i}\n\n" + " ".join(f"Serikat Nomor {i}-{k} dipimpin Orang {i}-{k}." for k in range(60))
    doc = Document(document_id(text), f"gen/{i}.txt", text)
    ents, rels = [], []
    for k in range(60):
        o = Entity(entity_id("Organization", f"Serikat Nomor {i}-{k}"), "Organization", f"Serikat Nomor {i}-{k}",
                   attrs={"members": k}, evidence=[Evidence(0, 5, "Dokum")])
        p = Entity(entity_id("Person", f"Orang {i}-{k}"), "Person", f"Orang {i}-{k}", evidence=[Evidence(0, 5, "Dokum")])
        ents += [o, p]
        rels.append(Relation(relation_id("HOLDS_POSITION", p.id, o.id, "chair"), "HOLDS_POSITION", p.id, o.id,
                             role="chair", evidence=[Evidence(0, 5, "Dokum")]))
    store.write(Extraction(doc, ents, rels))
    print(i, flush=True)
    i += 1
"""


def test_kill_9_during_ingest_leaves_only_whole_documents(tmp_path):
    path = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    written = 0
    deadline = time.time() + 60
    while written < 5 and time.time() < deadline:  # let a few documents land, then kill mid-stream
        line = proc.stdout.readline()
        if line:
            written += 1
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert written >= 5
    store = SQLiteStore(path)
    docs = store.documents()
    assert len(docs) >= written
    ents = {e["id"] for e in store.entities()}
    rels = {r["id"] for r in store.relations()}
    for d in docs:
        stored = json.loads(store.db.execute("SELECT extraction FROM documents WHERE id = ?", (d["id"],)).fetchone()[0])
        assert {e["id"] for e in stored["entities"]} <= ents
        assert {r["id"] for r in stored["relations"]} <= rels
        assert len(stored["entities"]) == 120
    assert store.stats()["entities"]["Organization"] == 60 * len(docs)
    assert store.stats()["relations"]["HOLDS_POSITION"] == 60 * len(docs)
