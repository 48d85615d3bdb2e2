"""The graph as RDF instance data, back again, and SHACL validation.

Mapping (all terms come from ``ontology/unionkg.ttl`` through :mod:`vocab`):

- a document → ``ukg:Document`` with dcterms identifier/source/title/issued/language;
- an entity → its class (``ukg:Organization`` …), ``skos:prefLabel`` name,
  ``skos:altLabel`` aliases, attributes on the properties whose
  ``ukg:graphName`` is the attribute key (concept IRIs for vocabulary values),
  ``owl:sameAs``/``skos:exactMatch`` to Wikidata when ``wikidata`` is known;
- a relation → a node of the class ``ukg:reifiedAs`` names (``ukg:Tenure`` is an
  ``org:Membership``) linked to its endpoints, with role, title, start, end,
  plus the direct triple (person ``ukg:holdsPosition`` organisation);
- each member-count claim → a ``ukg:MemberCountObservation`` of that document;
- provenance: ``prov:wasDerivedFrom`` the document; ``ukg:evidence`` a
  ``ukg:Evidence`` (an ``oa:SpecificResource`` on the document) with an
  ``oa:TextQuoteSelector`` (the sentence) and an ``oa:TextPositionSelector``,
  ``prov:wasGeneratedBy`` the document's ``ukg:ExtractionRun`` (which
  ``prov:used`` the document and ``prov:wasAssociatedWith`` ``ukg:Extractor``).

Instance IRIs are ``https://w3id.org/unionkg/id/<id>``; every node has an IRI
(no blank nodes), so exports of equal graphs are equal.

>>> from unionkg.graph.store import open_store
>>> with open_store(":memory:") as s:
...     len(validate(store_to_rdf(s)))
0
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from typing import Any
from urllib.parse import quote, unquote

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from unionkg.graph.model import ENTITY_TYPES, RELATION_TYPES, Document, Entity, Evidence, Extraction, Relation
from unionkg.ontology import vocab

__all__ = ["ID", "WD", "store_to_rdf", "rdf_to_extractions", "import_rdf", "validate", "shapes", "bind_prefixes"]

ID = rdflib.Namespace("https://w3id.org/unionkg/id/")
WD = rdflib.Namespace("http://www.wikidata.org/entity/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SCHEMA = rdflib.Namespace("https://schema.org/")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
UKG = vocab.NS

_QID = re.compile(r"^Q[1-9][0-9]*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")

# Keys of entity and relation dicts that are structure, not attributes.
_ENTITY_CORE = {"id", "type", "name", "aliases", "reference"}
_RELATION_CORE = {"id", "type", "source", "target", "role", "title", "start", "end", "reference"}


def bind_prefixes(g: rdflib.Graph) -> rdflib.Graph:
    """Bind the prefixes an export uses (readable Turtle)."""
    for prefix, ns in (("ukg", UKG), ("id", ID), ("wd", WD), ("prov", PROV), ("oa", OA), ("org", ORG),
                       ("schema", SCHEMA), ("skos", SKOS), ("dcterms", DCTERMS), ("owl", OWL), ("xsd", XSD)):
        g.bind(prefix, ns, override=True)
    for scheme in vocab.SCHEMES:
        g.bind(scheme.replace("_", ""), rdflib.Namespace(str(vocab.scheme_iri(scheme)) + "/"), override=True)
    return g


def _iri(local: str) -> URIRef:
    return ID[quote(local, safe="-_.~")]


def _run(doc_id: str) -> URIRef:
    """The extraction run that read a document (one per document)."""
    return URIRef(f"{_iri(doc_id)}/extraction")


def _date(value: Any) -> Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth, xsd:gYear; anything else
    stays a plain string (and fails the shapes)."""
    text = str(value)
    for pattern, dtype in ((_DAY, XSD.date), (_MONTH, XSD.gYearMonth), (_YEAR, XSD.gYear)):
        if pattern.match(text):
            return Literal(text, datatype=dtype)
    return Literal(text)


def _plain(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.decimal)
    return Literal(str(value))


@functools.cache
def _mappings() -> dict[tuple[str | None, str], vocab.AttributeMapping]:
    return {(m.entity_type, m.key): m for m in vocab.attribute_mappings()}


def _mapping(entity_type: str | None, key: str) -> vocab.AttributeMapping | None:
    m = _mappings()
    return m.get((entity_type, key)) or m.get((None, key))


_DATE_KEYS = {"start", "end", "date"}


class _Writer:
    def __init__(self, store: Any, with_text: bool) -> None:
        self.store = store
        self.with_text = with_text
        self.g = bind_prefixes(rdflib.Graph(bind_namespaces="core"))

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.g.add((s, p, o))

    # -- attributes --------------------------------------------------------
    def attrs(self, node: URIRef, entity_type: str | None, items: Iterable[tuple[str, Any]]) -> None:
        extra: dict[str, Any] = {}
        for key, value in items:
            if value is None:
                continue
            m = _mapping(entity_type, key)
            if key == "wikidata":
                self.add(node, UKG.wikidata, Literal(str(value)))
                if _QID.match(str(value)):
                    self.add(node, OWL.sameAs, WD[str(value)])
                    self.add(node, SKOS.exactMatch, WD[str(value)])
                continue
            if m is None or (isinstance(value, (list, tuple)) != m.list_valued) or isinstance(value, dict):
                extra[key] = value
                continue
            for v in (value if m.list_valued else [value]):
                if m.scheme is not None:
                    if isinstance(v, str) and vocab.is_id(m.scheme, v):
                        self.add(node, m.property, vocab.concept_iri(m.scheme, v))
                        for cls in vocab.concept_classes(m.scheme, v):
                            self.add(node, RDF.type, cls)
                    elif m.text_property is not None:
                        self.add(node, m.text_property, Literal(str(v)))
                        # A printed form that is a label of a concept ("Datuk Seri") also
                        # links the concept; import keeps the printed form.
                        derived = None if m.list_valued else vocab.concept_for_label(m.scheme, str(v))
                        if derived:
                            self.add(node, m.property, vocab.concept_iri(m.scheme, derived))
                    else:
                        self.add(node, m.property, Literal(str(v)))  # outside the scheme: the shapes report it
                elif m.object:
                    self.add(node, m.property, _iri(str(v)))
                elif key in _DATE_KEYS:
                    self.add(node, m.property, _date(v))
                else:
                    self.add(node, m.property, _plain(v))
        if extra:
            self.add(node, UKG.extraAttributes, Literal(json.dumps(extra, ensure_ascii=False, sort_keys=True)))

    # -- provenance ----------------------------------------------------------
    def evidence(self, fact: URIRef, fact_id: str) -> set[str]:
        docs = set()
        for ev in self.store.evidence(fact_id):
            doc = ev["document"]
            docs.add(doc)
            node = URIRef(f"{fact}/evidence/{quote(doc, safe='-_.~')}/{ev['start']}-{ev['end']}")
            quote_sel, pos_sel = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
            self.add(fact, UKG.evidence, node)
            self.add(node, RDF.type, UKG.Evidence)
            self.add(node, PROV.wasGeneratedBy, _run(doc))
            self.add(node, OA.hasSource, _iri(doc))
            self.add(node, OA.hasSelector, quote_sel)
            self.add(node, OA.hasSelector, pos_sel)
            self.add(quote_sel, RDF.type, OA.TextQuoteSelector)
            self.add(quote_sel, OA.exact, Literal(ev["text"]))
            self.add(pos_sel, RDF.type, OA.TextPositionSelector)
            self.add(pos_sel, OA.start, Literal(int(ev["start"]), datatype=XSD.nonNegativeInteger))
            self.add(pos_sel, OA.end, Literal(int(ev["end"]), datatype=XSD.nonNegativeInteger))
        return docs

    def derived(self, node: URIRef, docs: Iterable[str]) -> None:
        for doc in docs:
            self.add(node, PROV.wasDerivedFrom, _iri(doc))

    # -- the whole store ---------------------------------------------------------
    def run(self) -> rdflib.Graph:
        store = self.store
        documents = store.documents()
        self.published = {d["id"]: d.get("published") for d in documents}
        for rank, d in enumerate(documents, start=1):
            node = _iri(d["id"])
            self.add(node, RDF.type, UKG.Document)
            self.add(node, DCTERMS.identifier, Literal(d["id"]))
            self.add(node, DCTERMS.source, Literal(d["source"]))
            self.add(node, UKG.sequence, Literal(rank, datatype=XSD.integer))
            if d.get("title"):
                self.add(node, DCTERMS.title, Literal(d["title"]))
            if d.get("published"):
                self.add(node, DCTERMS.issued, _date(d["published"]))
            if d.get("language"):
                self.add(node, DCTERMS.language, Literal(d["language"]))
            if d.get("url"):
                self.add(node, SCHEMA.url, Literal(d["url"], datatype=XSD.anyURI))
            run = _run(d["id"])
            self.add(run, RDF.type, UKG.ExtractionRun)
            self.add(run, PROV.used, node)
            self.add(run, PROV.wasAssociatedWith, UKG.Extractor)
            if self.with_text:
                full = store.document(d["id"], with_text=True) or {}
                if full.get("text"):
                    self.add(node, UKG.text, Literal(full["text"]))

        relations = store.relations()
        rel_docs: dict[str, set[str]] = {}
        for r in relations:
            node = _iri(r["id"])
            rel_docs[r["id"]] = self.evidence(node, r["id"])

        touching: dict[str, set[str]] = defaultdict(set)
        for r in relations:
            touching[r["source"]].update(rel_docs[r["id"]])
            touching[r["target"]].update(rel_docs[r["id"]])

        for e in store.entities():
            node = _iri(e["id"])
            self.add(node, RDF.type, vocab.entity_type_iri(e["type"]))
            self.add(node, DCTERMS.identifier, Literal(e["id"]))
            self.add(node, SKOS.prefLabel, Literal(e["name"]))
            self.add(node, RDFS.label, Literal(e["name"]))
            for alias in e.get("aliases") or []:
                self.add(node, SKOS.altLabel, Literal(alias))
            if e.get("reference"):
                self.add(node, UKG.reference, Literal(True))
            self.attrs(node, e["type"], ((k, v) for k, v in e.items() if k not in _ENTITY_CORE))
            docs = self.evidence(node, e["id"])
            if not docs and not e.get("reference"):
                # No evidence of its own: the documents of the relations it takes part in.
                docs = touching.get(e["id"], set())
            self.derived(node, docs)
            if e["type"] == "Organization":
                for c in store.claims(e["id"]):
                    if c["key"] != "members" or str(c["document"]).startswith("@"):
                        continue
                    obs = URIRef(f"{node}/members/{quote(c['document'], safe='-_.~')}")
                    self.add(obs, RDF.type, UKG.MemberCountObservation)
                    self.add(obs, UKG.observedOrganization, node)
                    self.add(obs, UKG.memberCount, _plain(c["value"]))
                    self.add(obs, PROV.wasDerivedFrom, _iri(c["document"]))
                    published = self.published.get(c["document"])
                    if published:
                        self.add(obs, UKG.date, _date(published))

        for r in relations:
            node = _iri(r["id"])
            m = vocab.relation_mapping(r["type"])
            src, tgt = _iri(r["source"]), _iri(r["target"])
            self.add(node, RDF.type, m.node_class)
            self.add(node, DCTERMS.identifier, Literal(r["id"]))
            self.add(node, m.source_property, src)
            self.add(node, m.target_property, tgt)
            self.add(src, m.property, tgt)
            if r.get("reference"):
                self.add(node, UKG.reference, Literal(True))
            self.attrs(node, None, ((k, r.get(k)) for k in ("role", "title", "start", "end")))
            self.attrs(node, None, ((k, v) for k, v in r.items() if k not in _RELATION_CORE))
            self.derived(node, rel_docs[r["id"]])
        return self.g


def store_to_rdf(store: Any, with_text: bool = False) -> rdflib.Graph:
    """The store's graph as RDF instance data (see the module docstring).
    ``with_text`` also writes each document's full text (``ukg:text``)."""
    return _Writer(store, with_text).run()


# ---------------------------------------------------------------------------
# RDF → extractions
# ---------------------------------------------------------------------------


def _local_id(g: rdflib.Graph, node: rdflib.term.Node) -> str:
    ident = g.value(node, DCTERMS.identifier)
    if ident is not None:
        return str(ident)
    text = str(node)
    return unquote(text[len(str(ID)):]) if text.startswith(str(ID)) else text


def _read_attrs(g: rdflib.Graph, node: rdflib.term.Node, entity_type: str | None,
                skip: set[str] = frozenset()) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for m in vocab.attribute_mappings():
        if m.entity_type not in (None, entity_type) or m.key in skip:
            continue
        if m.entity_type is None and _mapping(entity_type, m.key) is not m:
            continue  # a type-specific mapping of the same key wins
        values: list[Any] = []
        texts = [str(o) for o in g.objects(node, m.text_property)] if m.text_property is not None else []
        if texts and not m.list_valued:
            attrs[m.key] = sorted(texts)[0]  # the printed form; its concept was derived from it
            continue
        for o in g.objects(node, m.property):
            if m.scheme is not None and isinstance(o, URIRef):
                found = vocab.concept_id(o)
                values.append(found[1] if found else str(o))
            elif m.object and isinstance(o, URIRef):
                values.append(_local_id(g, o))
            else:
                values.append(o.toPython() if isinstance(o, Literal) and m.key not in _DATE_KEYS else str(o))
        values += texts
        if not values:
            continue
        attrs[m.key] = sorted(values, key=str) if m.list_valued else sorted(values, key=str)[0]
    extra = g.value(node, UKG.extraAttributes)
    if extra is not None:
        for key, value in json.loads(str(extra)).items():
            attrs.setdefault(key, value)
    return attrs


def _evidence(g: rdflib.Graph, fact: rdflib.term.Node) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    for ev in g.objects(fact, UKG.evidence):
        doc = g.value(ev, OA.hasSource)
        if doc is None:
            continue
        text, start, end = None, None, None
        for sel in g.objects(ev, OA.hasSelector):
            if (sel, RDF.type, OA.TextQuoteSelector) in g:
                text = g.value(sel, OA.exact)
            if (sel, RDF.type, OA.TextPositionSelector) in g:
                start, end = g.value(sel, OA.start), g.value(sel, OA.end)
        if text is None or start is None or end is None:
            continue
        out[_local_id(g, doc)].append(Evidence(int(start), int(end), str(text)))
    for evs in out.values():
        evs.sort(key=lambda e: (e.start, e.end, e.text))
    return out


class _Reader:
    """Everything an export holds, indexed by document."""

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g
        self.docs: list[Document] = []
        order: list[tuple[int, str, Document]] = []
        for node in set(g.subjects(RDF.type, UKG.Document)):
            did = _local_id(g, node)
            seq = g.value(node, UKG.sequence)
            order.append((int(seq) if seq is not None else 1 << 30, did, Document(
                id=did,
                source=str(g.value(node, DCTERMS.source) or did),
                text=str(g.value(node, UKG.text) or ""),
                title=_opt(g.value(node, DCTERMS.title)),
                published=_opt(g.value(node, DCTERMS.issued)),
                language=_opt(g.value(node, DCTERMS.language)),
                url=_opt(g.value(node, SCHEMA.url)),
            )))
        self.docs = [d for _, _, d in sorted(order, key=lambda t: (t[0], t[1]))]

        self.entities: dict[str, Entity] = {}
        self.reference: set[str] = set()
        self.entity_docs: dict[str, set[str]] = defaultdict(set)
        self.entity_evidence: dict[str, dict[str, list[Evidence]]] = {}
        self.observations: dict[str, dict[str, Any]] = defaultdict(dict)  # entity -> doc -> members
        for etype in ENTITY_TYPES:
            for node in set(g.subjects(RDF.type, vocab.entity_type_iri(etype))):
                eid = _local_id(g, node)
                name = g.value(node, SKOS.prefLabel) or g.value(node, RDFS.label) or eid
                aliases = sorted({str(a) for a in g.objects(node, SKOS.altLabel)} - {str(name)})
                attrs = _read_attrs(g, node, etype)
                self.entities[eid] = Entity(id=eid, type=etype, name=str(name), aliases=aliases, attrs=attrs)
                if g.value(node, UKG.reference) is not None and bool(g.value(node, UKG.reference).toPython()):
                    self.reference.add(eid)
                evs = _evidence(g, node)
                self.entity_evidence[eid] = evs
                self.entity_docs[eid].update(evs)
                self.entity_docs[eid].update(_local_id(g, d) for d in g.objects(node, PROV.wasDerivedFrom))
        for obs in g.subjects(RDF.type, UKG.MemberCountObservation):
            org = g.value(obs, UKG.observedOrganization)
            value = g.value(obs, UKG.memberCount)
            if org is None or value is None:
                continue
            for doc in g.objects(obs, PROV.wasDerivedFrom):
                self.observations[_local_id(g, org)][_local_id(g, doc)] = value.toPython()

        self.relations: dict[str, Relation] = {}
        self.rel_reference: set[str] = set()
        self.rel_docs: dict[str, set[str]] = defaultdict(set)
        self.rel_evidence: dict[str, dict[str, list[Evidence]]] = {}
        for rtype in RELATION_TYPES:
            m = vocab.relation_mapping(rtype)
            for node in set(g.subjects(RDF.type, m.node_class)):
                rid = _local_id(g, node)
                src, tgt = g.value(node, m.source_property), g.value(node, m.target_property)
                if src is None or tgt is None:
                    raise ValueError(f"{node}: a {rtype} node needs both {m.source_property} and {m.target_property}")
                attrs = _read_attrs(g, node, None)
                attrs.pop("reference", None)
                core = {k: attrs.pop(k, None) for k in ("role", "title", "start", "end")}
                self.relations[rid] = Relation(id=rid, type=rtype, source=_local_id(g, src), target=_local_id(g, tgt),
                                               attrs=attrs, **core)
                if g.value(node, UKG.reference) is not None and bool(g.value(node, UKG.reference).toPython()):
                    self.rel_reference.add(rid)
                evs = _evidence(g, node)
                self.rel_evidence[rid] = evs
                self.rel_docs[rid].update(evs)
                self.rel_docs[rid].update(_local_id(g, d) for d in g.objects(node, PROV.wasDerivedFrom))

    def doc_attrs(self, eid: str, doc: str) -> dict[str, Any]:
        """What one document says about an entity: the merged attributes (the
        export keeps no per-document claims except member counts), its own
        member count, no link or flag attributes."""
        attrs = {k: v for k, v in self.entities[eid].attrs.items() if k not in {"members", "wikidata", "reference"}}
        if doc in self.observations.get(eid, {}):
            attrs["members"] = self.observations[eid][doc]
        return attrs

    def extractions(self) -> list[Extraction]:
        out = []
        for doc in self.docs:
            rels = [r for rid, r in sorted(self.relations.items()) if doc.id in self.rel_docs[rid]]
            ids = {eid for eid, docs in self.entity_docs.items() if doc.id in docs}
            ids |= {eid for eid, obs in self.observations.items() if doc.id in obs}
            for r in rels:
                ids.update((r.source, r.target))
            ents = []
            for eid in sorted(ids):
                if eid not in self.entities:
                    raise ValueError(f"document {doc.id}: relation end {eid} is not an entity in the RDF")
                e = self.entities[eid]
                ents.append(Entity(id=e.id, type=e.type, name=e.name, aliases=list(e.aliases),
                                   attrs=self.doc_attrs(eid, doc.id),
                                   evidence=list(self.entity_evidence.get(eid, {}).get(doc.id, []))))
            out.append(Extraction(
                document=doc, entities=ents,
                relations=[Relation(id=r.id, type=r.type, source=r.source, target=r.target, role=r.role,
                                    title=r.title, start=r.start, end=r.end, attrs=dict(r.attrs),
                                    evidence=list(self.rel_evidence[r.id].get(doc.id, []))) for r in rels]))
        return out


def _opt(value: rdflib.term.Node | None) -> str | None:
    return None if value is None else str(value)


def rdf_to_extractions(graph: rdflib.Graph) -> list[Extraction]:
    """One :class:`Extraction` per ``ukg:Document`` of an export, in ingest order.

    Each holds the entities and relations with evidence in (or derived from)
    that document, their endpoints, the merged attributes and the document's
    member counts. Reference data and analyst links are not document facts:
    :func:`import_rdf` stores those too."""
    return _Reader(graph).extractions()


def import_rdf(graph: rdflib.Graph, store: Any) -> dict[str, int]:
    """Load an export into ``store``: reference entities, then each document's
    extraction, then reference relations and Wikidata links (as analyst
    attributes). Returns counts: documents added, unchanged, replaced; reference
    entities and relations; links."""
    reader = _Reader(graph)
    counts = {"added": 0, "unchanged": 0, "replaced": 0, "reference_entities": 0, "reference_relations": 0, "links": 0}
    refs = []
    for eid in sorted(reader.reference):
        e = reader.entities[eid]
        attrs = {k: v for k, v in e.attrs.items() if k not in {"reference", "wikidata"}}
        if reader.observations.get(eid):
            attrs.pop("members", None)
        refs.append(Entity(id=e.id, type=e.type, name=e.name, aliases=list(e.aliases), attrs=attrs))
    if refs:
        store.put_reference_entities(refs, [])
        counts["reference_entities"] = len(refs)
    for ex in reader.extractions():
        counts[store.write(ex)] += 1
    ref_rels = [reader.relations[rid] for rid in sorted(reader.rel_reference)]
    if ref_rels:
        store.put_reference_entities([], ref_rels)
        counts["reference_relations"] = len(ref_rels)
    for eid, e in sorted(reader.entities.items()):
        if store.entity(eid) is None:
            continue
        if e.attrs.get("wikidata"):
            store.set_attr(eid, "wikidata", e.attrs["wikidata"])
            counts["links"] += 1
        if "members" in e.attrs and not reader.observations.get(eid) and eid not in reader.reference:
            store.set_attr(eid, "members", e.attrs["members"])
    return counts


# ---------------------------------------------------------------------------
# SHACL
# ---------------------------------------------------------------------------


@functools.cache
def shapes() -> rdflib.Graph:
    """``ontology/shapes.ttl`` (parsed once)."""
    g = rdflib.Graph()
    g.parse(data=resources.files("unionkg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8"),
            format="turtle")
    return g


def _describe(g: rdflib.Graph, node: rdflib.term.Node) -> str:
    classes = sorted(str(c).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in g.objects(node, RDF.type)
                     if str(c).startswith(str(UKG)) or str(c).startswith(str(OA)))
    kind = classes[0] if classes else "node"
    ident = _local_id(g, node) if isinstance(node, URIRef) else str(node)
    label = g.value(node, SKOS.prefLabel)
    if label is None:
        rtype = next((vocab.relation_type_for_iri(c) for c in g.objects(node, RDF.type)
                      if vocab.relation_type_for_iri(c)), None)
        if rtype:
            m = vocab.relation_mapping(rtype)
            ends = [g.value(node, p) for p in (m.source_property, m.target_property)]
            names = [str(g.value(x, SKOS.prefLabel) or _local_id(g, x)) if x is not None else "?" for x in ends]
            label = f"{names[0]} -> {names[1]}"
    return f"{kind} {ident}" + (f" ({label})" if label else "")


def _show(node: rdflib.term.Node) -> str:
    return repr(str(node)) if isinstance(node, Literal) else f"<{node}>"


def validate(graph: rdflib.Graph) -> list[str]:
    """Run ``ontology/shapes.ttl`` on ``graph``; one readable line per violation
    (sorted; empty when the graph conforms)."""
    import pyshacl

    # The ontology supplies rdfs:subClassOf (a Tenure is a ukg:Fact) and the
    # concepts' skos:inScheme; mix it into a copy of the data.
    data = rdflib.Graph()
    for triple in graph:
        data.add(triple)
    for triple in vocab.graph():
        data.add(triple)
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes(), inference="none", inplace=True,
                                                abort_on_first=False, allow_warnings=True, meta_shacl=False,
                                                advanced=True)
    if conforms:
        return []
    lines = set()
    for result in results.objects(None, SH.result):  # top-level results, not their sh:detail
        focus = results.value(result, SH.focusNode)
        message = str(results.value(result, SH.resultMessage))
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        line = f"{_describe(graph, focus)}: {message}"
        if "ends before it starts" in message:
            line += f" (start {graph.value(focus, UKG.start)}, end {graph.value(focus, UKG.end)})"
        elif value is not None:
            line += f" (got {_show(value)})"
        elif isinstance(path, URIRef) and (focus, path, None) in graph and "exactly one" not in message:
            # a SPARQL-target check (sh:maxCount 0 on the offending path): show the values
            line += " (got " + ", ".join(sorted(_show(v) for v in graph.objects(focus, path))) + ")"
        lines.add(line)
    return sorted(lines)
