"""Every Cypher statement the Neo4j store runs, in one place.

Values always travel as parameters (``$rows``, ``$id`` …). Node labels and
relationship types cannot be parameters in Cypher, so the few builders that
need one take it from the model's closed lists (``ENTITY_TYPES``,
``RELATION_TYPES``) and refuse anything else — nothing read from a document
ever becomes query text.

The graph model (see ``docs/neo4j.md``):

- ``(:Document {id, source, title, published, language, url, text, raw, seq, facts})``
- ``(:Entity:Organization {id, type, name, aliases, attrs, reference, refname, …flat attributes})``
  (``attrs`` is the JSON of every attribute; simple values are also copied
  to properties of their own, e.g. ``members``, for analysts' Cypher)
- ``(a:Entity)-[:HOLDS_POSITION {id, role, title, start, end, attrs, reference}]->(b:Entity)``
- per-document statements, so that a document's support can be removed
  exactly: ``(:Name {entity, doc, name, key, pos})``, ``(:Claim {entity, doc,
  key, value})``, ``(:RelClaim {relation, type, source, doc, title, start, end,
  attrs})``, ``(:Evidence {fact, doc, start, end, text})``. ``doc`` is a
  document id or ``@reference`` / ``@analyst``.
- ``(:Judgement {id, data})`` and ``(:UnionkgMeta {key, value})`` counters.

>>> merge_relations("HOLDS_POSITION").startswith("UNWIND $rows AS row")
True
>>> merge_entities("Robot")
Traceback (most recent call last):
...
ValueError: not an entity type: 'Robot'
"""

from __future__ import annotations

from unionkg.graph.model import ENTITY_TYPES, RELATION_TYPES

__all__ = [
    "SCHEMA",
    "SCHEMA_PRESENT",
    "label",
    "rel_type",
    "merge_entities",
    "merge_relations",
    "naive_merge_entity",
    "naive_merge_relation",
    "DOC_FACTS", "DOC_LOOKUP", "NEXT_COUNTER", "CREATE_DOCUMENT", "CREATE_STATEMENTS", "ENTITY_VIEW", "RELATION_VIEW", "SET_DOC_FACTS", "DELETE_DOCUMENT",
    "ENTITY_TYPE_CONFLICTS", "MISSING_ENTITIES", "CREATE_NAMES", "CREATE_CLAIMS",
    "CREATE_REL_CLAIMS", "DOC_STATEMENTS", "DELETE_DOC_STATEMENTS",
    "ENTITY_RELATIONSHIPS", "DELETE_ENTITIES", "DETACH_DELETE_ENTITIES", "UPDATE_ENTITIES",
    "DELETE_RELATIONS", "DELETE_RELATION_STATEMENTS", "UPDATE_RELATIONS",
    "MARK_REFERENCE_ENTITIES", "DELETE_REFERENCE_STATEMENTS", "MARK_REFERENCE_RELATIONS", "DELETE_REL_CLAIM",
    "ENTITY_EXISTS", "SET_ANALYST_CLAIM", "DELETE_ANALYST_CLAIM",
    "CLEAR_DOC_NAMES", "CLEAR_DOC_CLAIMS", "CLEAR_DOC_REL_CLAIMS", "CLEAR_EVIDENCE", "UNSUPPORTED_ENTITIES",
    "CLEAR_DOC_RELATIONS", "CLEAR_DOC_FLAGS", "ALL_ENTITY_IDS", "ALL_RELATION_KEYS",
    "DOCUMENTS", "document_query", "RAW_EXTRACTIONS", "entities_query", "ENTITY", "relations_query",
    "EVIDENCE", "CLAIMS", "FIND", "STATS_DOCUMENTS", "STATS_ENTITIES", "STATS_RELATIONS",
    "CREATE_JUDGEMENT", "JUDGEMENTS", "JUDGEMENT", "UPDATE_JUDGEMENT",
    "WIPE", "TEST_MARK_LABEL", "TEST_DATABASE_STATE", "TEST_MARK", "TEST_WIPE",
]


def label(entity_type: str) -> str:
    """A backticked node label for one of the model's entity types."""
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"not an entity type: {entity_type!r}")
    return f"`{entity_type}`"


def rel_type(relation_type: str) -> str:
    """A backticked relationship type for one of the model's relation types."""
    if relation_type not in RELATION_TYPES:
        raise ValueError(f"not a relation type: {relation_type!r}")
    return f"`{relation_type}`"


# -- schema (run once, each statement on its own: schema and data do not mix in one transaction) --
SCHEMA = (
    "CREATE CONSTRAINT unionkg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT unionkg_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT unionkg_judgement_id IF NOT EXISTS FOR (j:Judgement) REQUIRE j.id IS UNIQUE",
    "CREATE CONSTRAINT unionkg_meta_key IF NOT EXISTS FOR (m:UnionkgMeta) REQUIRE m.key IS UNIQUE",
    "CREATE INDEX unionkg_document_source IF NOT EXISTS FOR (d:Document) ON (d.source)",
    "CREATE INDEX unionkg_name_entity IF NOT EXISTS FOR (n:Name) ON (n.entity)",
    "CREATE INDEX unionkg_name_doc IF NOT EXISTS FOR (n:Name) ON (n.doc)",
    "CREATE INDEX unionkg_name_key IF NOT EXISTS FOR (n:Name) ON (n.key)",
    "CREATE INDEX unionkg_claim_entity IF NOT EXISTS FOR (c:Claim) ON (c.entity)",
    "CREATE INDEX unionkg_claim_doc IF NOT EXISTS FOR (c:Claim) ON (c.doc)",
    "CREATE INDEX unionkg_relclaim_relation IF NOT EXISTS FOR (c:RelClaim) ON (c.relation)",
    "CREATE INDEX unionkg_relclaim_doc IF NOT EXISTS FOR (c:RelClaim) ON (c.doc)",
    "CREATE INDEX unionkg_evidence_fact IF NOT EXISTS FOR (v:Evidence) ON (v.fact)",
    "CREATE INDEX unionkg_evidence_doc IF NOT EXISTS FOR (v:Evidence) ON (v.doc)",
)

# Every constraint and index of SCHEMA is named unionkg_…: count them to know whether to run SCHEMA.
SCHEMA_PRESENT = (
    "SHOW INDEXES YIELD name, state WHERE name STARTS WITH 'unionkg_' AND state = 'ONLINE' RETURN count(*) AS n"
)

# -- the batched writers (also measured by benchmarks/load.py) ---------------------------------


def merge_entities(entity_type: str) -> str:
    """MERGE a batch of entities of one type on the constrained ``id``. New nodes get
    the type label and a provisional view; the store's refresh computes the final one."""
    return (
        "UNWIND $rows AS row "
        "MERGE (e:Entity {id: row.id}) "
        f"ON CREATE SET e:{label(entity_type)}, e.type = row.type, e.name = row.name, "
        "e.aliases = [], e.attrs = '{}', e.reference = false"
    )


def merge_relations(relation_type: str) -> str:
    """MERGE a batch of relations of one type, each keyed by its derived ``id``
    between its two (constrained) endpoint nodes."""
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Entity {id: row.source}) "
        "MATCH (b:Entity {id: row.target}) "
        f"MERGE (a)-[r:{rel_type(relation_type)} {{id: row.id}}]->(b) "
        "ON CREATE SET r.role = row.role, r.attrs = '{}', r.reference = false"
    )


def naive_merge_entity(entity_type: str) -> str:
    """One entity per statement (the slow way; benchmarks only)."""
    return (
        "MERGE (e:Entity {id: $id}) "
        f"ON CREATE SET e:{label(entity_type)}, e.type = $type, e.name = $name, "
        "e.aliases = [], e.attrs = '{}', e.reference = false"
    )


def naive_merge_relation(relation_type: str) -> str:
    """One relation per statement (the slow way; benchmarks only)."""
    return (
        "MATCH (a:Entity {id: $source}) MATCH (b:Entity {id: $target}) "
        f"MERGE (a)-[r:{rel_type(relation_type)} {{id: $id}}]->(b) "
        "ON CREATE SET r.role = $role, r.attrs = '{}', r.reference = false"
    )


# -- documents ---------------------------------------------------------------------------------
DOC_FACTS = "MATCH (d:Document {id: $id}) RETURN d.facts AS facts"
# A counter node: monotonic document order, and its write lock serialises concurrent writers.
NEXT_COUNTER = (
    "MERGE (m:UnionkgMeta {key: $key}) "
    "SET m.value = coalesce(m.value, 0) + 1 RETURN m.value AS value"
)
# The counter node gives the document order, and its write lock serialises concurrent writers.
CREATE_DOCUMENT = (
    "MERGE (m:UnionkgMeta {key: 'document_seq'}) SET m.value = coalesce(m.value, 0) + 1 "
    "WITH m.value AS seq "
    "CREATE (d:Document {id: $id, source: $source, title: $title, published: $published, "
    "language: $language, url: $url, text: $text, raw: $raw, seq: seq, facts: true})"
)
SET_DOC_FACTS = "MATCH (d:Document {id: $id}) SET d.facts = true"
# The document (if stored) and the older versions of its source, in one round trip.
DOC_LOOKUP = (
    "OPTIONAL MATCH (d:Document {id: $id}) "
    "CALL () { MATCH (o:Document {source: $source}) WHERE o.id <> $id "
    "WITH o ORDER BY o.seq RETURN collect(o.id) AS older } "
    "RETURN d IS NOT NULL AS stored, d.facts AS facts, older"
)
DELETE_DOCUMENT = "MATCH (d:Document {id: $id}) DETACH DELETE d"
DOC_STATEMENTS = (
    "CALL () { MATCH (n:Name {doc: $doc}) RETURN DISTINCT n.entity AS id, 'entity' AS kind, null AS source "
    "UNION MATCH (c:Claim {doc: $doc}) RETURN DISTINCT c.entity AS id, 'entity' AS kind, null AS source "
    "UNION MATCH (c:RelClaim {doc: $doc}) RETURN c.relation AS id, 'relation' AS kind, c.source AS source } "
    "RETURN id, kind, source"
)
DELETE_DOC_STATEMENTS = (
    "CALL () { MATCH (n:Name {doc: $doc}) DELETE n } "
    "CALL () { MATCH (c:Claim {doc: $doc}) DELETE c } "
    "CALL () { MATCH (c:RelClaim {doc: $doc}) DELETE c } "
    "CALL () { MATCH (v:Evidence {doc: $doc}) DELETE v }"
)

# -- writing one document's statements ---------------------------------------------------------
ENTITY_TYPE_CONFLICTS = (
    "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) WHERE e.type <> row.type "
    "RETURN e.id AS id, e.type AS stored, row.type AS wanted LIMIT 1"
)
MISSING_ENTITIES = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) WITH id, e WHERE e IS NULL RETURN id"
)
CREATE_NAMES = "UNWIND $rows AS row CREATE (:Name {entity: row.entity, doc: row.doc, name: row.name, key: row.key, pos: row.pos})"
CREATE_CLAIMS = "UNWIND $rows AS row CREATE (:Claim {entity: row.entity, doc: row.doc, key: row.key, value: row.value})"
# All of one document's statements in one round trip (unit subqueries keep the single row).
CREATE_STATEMENTS = (
    "CALL () { UNWIND $names AS row CREATE (:Name {entity: row.entity, doc: row.doc, name: row.name, "
    "key: row.key, pos: row.pos}) } "
    "CALL () { UNWIND $claims AS row CREATE (:Claim {entity: row.entity, doc: row.doc, key: row.key, "
    "value: row.value}) } "
    "CALL () { UNWIND $rel_claims AS row CREATE (:RelClaim {relation: row.relation, type: row.type, "
    "source: row.source, doc: row.doc, title: row.title, start: row.start, end: row.end, attrs: row.attrs}) } "
    "CALL () { UNWIND $evidence AS row CREATE (:Evidence {fact: row.fact, doc: row.doc, start: row.start, "
    "end: row.end, text: row.text}) }"
)
CREATE_REL_CLAIMS = (
    "UNWIND $rows AS row CREATE (:RelClaim {relation: row.relation, type: row.type, source: row.source, "
    "doc: row.doc, title: row.title, start: row.start, end: row.end, attrs: row.attrs})"
)

# -- recomputing the merged view -----------------------------------------------------------------
ENTITY_RELATIONSHIPS = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id})-[r]-() "
    "RETURN DISTINCT r.id AS id, startNode(r).id AS source"
)
DELETE_ENTITIES = (
    "UNWIND $ids AS id "
    "CALL (id) { MATCH (n:Name {entity: id}) DELETE n } "
    "CALL (id) { MATCH (c:Claim {entity: id}) DELETE c } "
    "CALL (id) { MATCH (v:Evidence {fact: id}) DELETE v } "
    "CALL (id) { MATCH (e:Entity {id: id}) DETACH DELETE e }"
)
# Everything the merged view of some entities is computed from, one row per entity.
ENTITY_VIEW = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) "
    "CALL (id) { MATCH (n:Name {entity: id}) OPTIONAL MATCH (d:Document {id: n.doc}) "
    "RETURN collect({name: n.name, doc: n.doc, pos: n.pos, seq: d.seq}) AS names } "
    "CALL (id) { MATCH (c:Claim {entity: id}) OPTIONAL MATCH (d:Document {id: c.doc}) "
    "RETURN collect({doc: c.doc, key: c.key, value: c.value, seq: d.seq, published: d.published}) AS claims } "
    "RETURN e.id AS id, e.type AS type, e.reference AS reference, e.refname AS refname, names, claims"
)
# The same for relations (found from their source node: relationship ids are not indexed).
RELATION_VIEW = (
    "UNWIND $rows AS row "
    "OPTIONAL MATCH (:Entity {id: row.source})-[r]->() WHERE r.id = row.id "
    "CALL (row) { MATCH (c:RelClaim {relation: row.id}) OPTIONAL MATCH (d:Document {id: c.doc}) "
    "RETURN collect({doc: c.doc, title: c.title, start: c.start, end: c.end, attrs: c.attrs, seq: d.seq}) AS claims } "
    "RETURN row.id AS id, r IS NOT NULL AS exists, r.reference AS reference, r.role AS role, claims"
)
DETACH_DELETE_ENTITIES = "UNWIND $ids AS id MATCH (e:Entity {id: id}) DETACH DELETE e"
UPDATE_ENTITIES = "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e = row.props"
DELETE_RELATIONS = (
    "UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->() WHERE r.id = row.id DELETE r"
)
DELETE_RELATION_STATEMENTS = (
    "UNWIND $ids AS id "
    "CALL (id) { MATCH (c:RelClaim {relation: id}) DELETE c } "
    "CALL (id) { MATCH (v:Evidence {fact: id}) DELETE v }"
)
UPDATE_RELATIONS = (
    "UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->() WHERE r.id = row.id SET r = row.props"
)

# -- reference data and analyst attributes -----------------------------------------------------
MARK_REFERENCE_ENTITIES = "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e.reference = true, e.refname = row.name"
DELETE_REFERENCE_STATEMENTS = (
    "UNWIND $ids AS id "
    "CALL (id) { MATCH (n:Name {entity: id, doc: '@reference'}) DELETE n } "
    "CALL (id) { MATCH (c:Claim {entity: id, doc: '@reference'}) DELETE c }"
)
MARK_REFERENCE_RELATIONS = (
    "UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->() WHERE r.id = row.id SET r.reference = true"
)
DELETE_REL_CLAIM = "UNWIND $rows AS row MATCH (c:RelClaim {relation: row.relation, doc: row.doc}) DELETE c"
ENTITY_EXISTS = "MATCH (e:Entity {id: $id}) RETURN count(e) AS n"
DELETE_ANALYST_CLAIM = "MATCH (c:Claim {entity: $id, doc: '@analyst', key: $key}) DELETE c"
SET_ANALYST_CLAIM = (
    "OPTIONAL MATCH (old:Claim {entity: $id, doc: '@analyst', key: $key}) DELETE old "
    "WITH count(*) AS _ CREATE (:Claim {entity: $id, doc: '@analyst', key: $key, value: $value})"
)

# -- clear_facts -------------------------------------------------------------------------------
CLEAR_DOC_NAMES = "MATCH (n:Name) WHERE NOT n.doc STARTS WITH '@' DELETE n"
CLEAR_DOC_CLAIMS = "MATCH (c:Claim) WHERE NOT c.doc STARTS WITH '@' DELETE c"
CLEAR_DOC_REL_CLAIMS = "MATCH (c:RelClaim) WHERE NOT c.doc STARTS WITH '@' DELETE c"
CLEAR_EVIDENCE = "MATCH (v:Evidence) DELETE v"
UNSUPPORTED_ENTITIES = (
    "MATCH (e:Entity) WHERE NOT e.reference AND NOT EXISTS { MATCH (n:Name {entity: e.id}) } RETURN e.id AS id"
)
CLEAR_DOC_RELATIONS = "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r.reference DELETE r"
CLEAR_DOC_FLAGS = "MATCH (d:Document) SET d.facts = false"
ALL_ENTITY_IDS = "MATCH (e:Entity) RETURN e.id AS id"
ALL_RELATION_KEYS = "MATCH (a:Entity)-[r]->(:Entity) RETURN r.id AS id, a.id AS source"

# -- reading -----------------------------------------------------------------------------------
DOCUMENTS = (
    "MATCH (d:Document) RETURN d.id AS id, d.source AS source, d.title AS title, d.published AS published, "
    "d.language AS language, d.url AS url ORDER BY d.seq"
)


def document_query(with_text: bool) -> str:
    return (
        "MATCH (d:Document {id: $id}) RETURN d.id AS id, d.source AS source, d.title AS title, "
        "d.published AS published, d.language AS language, d.url AS url"
        + (", d.text AS text" if with_text else "")
    )


RAW_EXTRACTIONS = "MATCH (d:Document) RETURN d.raw AS raw, d.text AS text ORDER BY d.seq"

_ENTITY_RETURN = (
    "RETURN e.id AS id, e.type AS type, e.name AS name, e.aliases AS aliases, e.attrs AS attrs, "
    "e.reference AS reference"
)


def entities_query(entity_type: str | None) -> str:
    """All entities, or those of one type (by label, so the label's scan is used)."""
    match = f"MATCH (e:Entity:{label(entity_type)})" if entity_type else "MATCH (e:Entity)"
    return f"{match} {_ENTITY_RETURN} ORDER BY e.id"


ENTITY = f"MATCH (e:Entity {{id: $id}}) {_ENTITY_RETURN}"
_RELATION_RETURN = (
    "RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, r.role AS role, r.title AS title, "
    "r.start AS start, r.end AS end, r.attrs AS attrs, r.reference AS reference ORDER BY r.id"
)


def relations_query(relation_type: str | None, source: bool, target: bool) -> str:
    """Relations, optionally of one type and/or from ``$source`` / to ``$target``."""
    a = "(a:Entity {id: $source})" if source else "(a:Entity)"
    b = "(b:Entity {id: $target})" if target else "(b:Entity)"
    r = f"[r:{rel_type(relation_type)}]" if relation_type else "[r]"
    return f"MATCH {a}-{r}->{b} {_RELATION_RETURN}"


EVIDENCE = (
    "MATCH (v:Evidence {fact: $id}) MATCH (d:Document {id: v.doc}) "
    "RETURN v.doc AS document, d.source AS source, d.title AS title, d.published AS published, "
    "v.start AS start, v.end AS end, v.text AS text ORDER BY d.seq, v.start"
)
CLAIMS = (
    "MATCH (c:Claim {entity: $id}) OPTIONAL MATCH (d:Document {id: c.doc}) "
    "RETURN c.doc AS document, c.key AS key, c.value AS value ORDER BY coalesce(d.seq, 0), c.key"
)
FIND = "MATCH (n:Name {key: $key}) RETURN DISTINCT n.entity AS id"
STATS_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS n"
STATS_ENTITIES = "MATCH (e:Entity) RETURN e.type AS type, count(e) AS n ORDER BY type"
STATS_RELATIONS = "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(r) AS n ORDER BY type"

# -- judgements --------------------------------------------------------------------------------
CREATE_JUDGEMENT = "CREATE (:Judgement {id: $id, data: $data})"
JUDGEMENTS = "MATCH (j:Judgement) RETURN j.id AS id, j.data AS data ORDER BY j.id"
JUDGEMENT = "MATCH (j:Judgement {id: $id}) RETURN j.data AS data"
UPDATE_JUDGEMENT = "MATCH (j:Judgement {id: $id}) SET j.data = $data"

# -- tests and benchmarks: empty the (single, in Community) user database ----------------------
# CALL { } IN TRANSACTIONS runs only in an implicit (auto-commit) transaction: use session.run.
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
# The test suite marks a database it may empty with one node, and keeps that node when it wipes;
# it refuses a non-empty database without the mark (someone's real graph behind NEO4J_URI).
TEST_MARK_LABEL = "UnionkgTestDatabase"
TEST_DATABASE_STATE = (
    "CALL () { MATCH (m:UnionkgTestDatabase) RETURN count(m) > 0 AS marked } "
    "CALL () { MATCH (n) WHERE NOT n:UnionkgTestDatabase RETURN count(n) AS nodes } "
    "RETURN marked, nodes"
)
TEST_MARK = "MERGE (:UnionkgTestDatabase {note: 'the unionkg test suite empties this database'})"
TEST_WIPE = (
    "MATCH (n) WHERE NOT n:UnionkgTestDatabase CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)
