"""The project's vocabularies, read from ``ontology/unionkg.ttl`` (parsed once, cached).

Nothing else in the tree spells a role, organisation kind, agreement kind or
status, event kind, topic or honorific: code asks this module.

Schemes: ``role``, ``org_kind``, ``agreement_kind``, ``agreement_status``,
``event_kind``, ``topic``, ``honorific``. A concept's ID is its
``skos:notation``; its labels are ``skos:prefLabel``/``skos:altLabel`` in
en, id, ms, vi, th, tl, km, lo, my.

>>> is_id("role", "secretary_general")
True
>>> role_for_title("Sekjen")
'secretary_general'
>>> role_for_title("Ketua Umum DPP")          # the longest label that starts the title
'general_chair'
>>> role_for_title("Human Resources Minister")  # else the longest label that ends it
'minister'
>>> kind_for_name("Konfederasi Serikat Pekerja Seluruh Indonesia")
'confederation'
>>> relation_type_iri("HOLDS_POSITION")
rdflib.term.URIRef('https://w3id.org/unionkg/ontology#holdsPosition')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from unionkg.graph.ids import fold

__all__ = [
    "NS",
    "SCHEMES",
    "graph",
    "scheme_ids",
    "is_id",
    "require_id",
    "labels",
    "lexicon",
    "role_for_title",
    "kind_for_name",
    "entity_type_iri",
    "entity_type_for_iri",
    "relation_type_iri",
    "relation_type_for_iri",
    "relation_mapping",
    "attribute_property",
    "concept_iri",
    "concept_id",
    "scheme_iri",
    "RelationMapping",
    "AttributeMapping",
    "attribute_mappings",
    "concept_classes",
    "concept_for_label",
]

NS = rdflib.Namespace("https://w3id.org/unionkg/ontology#")
SCHEMES = ("role", "org_kind", "agreement_kind", "agreement_status", "event_kind", "topic", "honorific")

# Scripts written without spaces between words: a label in them may start or
# end a title without a space after/before it (ประธานสหภาพ...).
_NO_SPACE = re.compile(r"[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]")


@dataclass
class _Concept:
    id: str
    iri: rdflib.URIRef
    labels: dict[str, list[str]] = field(default_factory=dict)
    priority: int = 0


@dataclass
class _Scheme:
    name: str
    iri: rdflib.URIRef
    concepts: dict[str, _Concept] = field(default_factory=dict)  # in file order


@dataclass(frozen=True)
class RelationMapping:
    """How a relation type is written in RDF: the direct property, the class of
    the reified node, and the properties from that node to source and target."""

    graph_name: str
    property: rdflib.URIRef
    node_class: rdflib.URIRef
    source_property: rdflib.URIRef
    target_property: rdflib.URIRef


@functools.cache
def graph() -> rdflib.Graph:
    """The ontology as an rdflib graph (parsed once; treat it as read-only)."""
    g = rdflib.Graph()
    text = _ttl_text()
    g.parse(data=text, format="turtle")
    return g


@functools.cache
def _ttl_text() -> str:
    return resources.files("unionkg.ontology").joinpath("unionkg.ttl").read_text(encoding="utf-8")


@functools.cache
def _schemes() -> dict[str, _Scheme]:
    g = graph()
    text = _ttl_text()
    schemes: dict[str, _Scheme] = {}
    for s_iri, name in g.subject_objects(NS.schemeName):
        schemes[str(name)] = _Scheme(str(name), s_iri)
    for name, scheme in schemes.items():
        found: list[_Concept] = []
        for c_iri in g.subjects(SKOS.inScheme, scheme.iri):
            notation = g.value(c_iri, SKOS.notation)
            if notation is None:
                raise ValueError(f"ontology: concept {c_iri} of scheme {name} has no skos:notation")
            concept = _Concept(str(notation), c_iri)
            for prop in (SKOS.prefLabel, SKOS.altLabel):
                for lit in sorted(g.objects(c_iri, prop), key=str):
                    lang = getattr(lit, "language", None) or ""
                    concept.labels.setdefault(lang, [])
                    if prop == SKOS.prefLabel:
                        concept.labels[lang].insert(0, str(lit))
                    elif str(lit) not in concept.labels[lang]:
                        concept.labels[lang].append(str(lit))
            prio = g.value(c_iri, NS.matchPriority)
            concept.priority = int(prio) if prio is not None else 0
            found.append(concept)
        # Keep the order concepts are written in the Turtle ("other" last),
        # which rdflib does not preserve.
        found.sort(key=lambda c: (_position(text, g.namespace_manager.normalizeUri(c.iri)), c.id))
        scheme.concepts = {c.id: c for c in found}
    return schemes


def _position(text: str, qname: str) -> int:
    pos = text.find(f"\n{qname} a skos:Concept")
    return pos if pos >= 0 else len(text)


def _scheme(scheme: str) -> _Scheme:
    try:
        return _schemes()[scheme]
    except KeyError:
        raise ValueError(f"unknown vocabulary scheme {scheme!r} (known: {', '.join(sorted(_schemes()))})") from None


def scheme_ids(scheme: str) -> list[str]:
    """The IDs of a scheme, in the order the ontology lists them."""
    return list(_scheme(scheme).concepts)


def scheme_iri(scheme: str) -> rdflib.URIRef:
    return _scheme(scheme).iri


def is_id(scheme: str, id: str | None) -> bool:
    """True when ``id`` is a concept ID of ``scheme``."""
    return id is not None and id in _scheme(scheme).concepts


def require_id(scheme: str, id: str | None) -> str:
    """``id`` itself, or ValueError naming the scheme and the ID."""
    if not is_id(scheme, id):
        raise ValueError(f"{id!r} is not a {scheme} ID in ontology/unionkg.ttl (known: {', '.join(scheme_ids(scheme))})")
    return id  # type: ignore[return-value]


def labels(scheme: str, id: str) -> dict[str, list[str]]:
    """Language → labels of a concept, the preferred label first."""
    require_id(scheme, id)
    return {lang: list(ls) for lang, ls in _scheme(scheme).concepts[id].labels.items()}


@functools.cache
def _lexicon(scheme: str) -> tuple[tuple[str, str, str], ...]:
    rows = {(label, c.id, lang) for c in _scheme(scheme).concepts.values() for lang, ls in c.labels.items() for label in ls}
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0], r[2])))


def lexicon(scheme: str) -> list[tuple[str, str, str]]:
    """Every (label, id, lang) of a scheme, the longest label first."""
    return list(_lexicon(scheme))


@functools.cache
def _folded(scheme: str) -> dict[str, tuple[str, str]]:
    """folded label → (id, lang); the first (longest, then alphabetical) wins.
    tests/test_ontology.py checks that no folded label names two concepts."""
    out: dict[str, tuple[str, str]] = {}
    for label, cid, lang in _lexicon(scheme):
        key = fold(label)
        if key:
            out.setdefault(key, (cid, lang))
    return out


def concept_for_label(scheme: str, label: str | None) -> str | None:
    """The concept of ``scheme`` one of whose labels equals ``label`` after folding, or None.

    >>> concept_for_label("honorific", "Datuk Seri")
    'dato_sri'
    """
    if not label:
        return None
    hit = _folded(scheme).get(fold(label))
    return hit[0] if hit else None


def _starts(text: str, label: str) -> bool:
    if not text.startswith(label):
        return False
    if len(text) == len(label):
        return True
    return text[len(label)] == " " or bool(_NO_SPACE.match(label[-1]))


def _ends(text: str, label: str) -> bool:
    if not text.endswith(label):
        return False
    if len(text) == len(label):
        return True
    return text[-len(label) - 1] == " " or bool(_NO_SPACE.match(label[0]))


def role_for_title(title: str | None, lang: str | None = None) -> str | None:
    """The role a printed title names, or None.

    Rules, in order, on the folded title (case, diacritics, punctuation):
    1. a label equal to the title;
    2. the longest label that *starts* the title at a word boundary
       ("Ketua Umum DPP", "Vice President for Women", "Menteri Sumber Manusia");
    3. the longest label that *ends* it ("Human Resources Minister",
       "national president", "Plt. Ketua Umum").
    Prefixes win over suffixes because most of the region's languages put the
    head first ("Ủy viên Đoàn Chủ tịch" is a member, not a president).
    Stripping organisation names or honorifics is the caller's job. Labels are
    unique after folding across languages, so ``lang`` only breaks ties
    between labels of equal length.
    """
    if not title:
        return None
    t = fold(title)
    if not t:
        return None
    table = _folded("role")
    if t in table:
        return table[t][0]
    for test in (_starts, _ends):
        best: tuple[int, int, str] | None = None
        for key, (cid, label_lang) in table.items():
            if test(t, key):
                rank = (len(key), 1 if lang and label_lang == lang else 0, cid)
                if best is None or rank[:2] > best[:2]:
                    best = rank
        if best is not None:
            return best[2]
    return None


def _occurs(text: str, label: str) -> bool:
    if _NO_SPACE.search(label):
        return label in text
    return f" {label} " in f" {text} "


def kind_for_name(name: str | None) -> str | None:
    """The organisation kind the head nouns of a name signal, or None.

    Every org_kind label found in the folded name at word boundaries is a
    candidate; the kind with the highest ``ukg:matchPriority`` wins (a
    confederation of unions is a confederation; the union of a company is a
    union), then the longest label.
    """
    if not name:
        return None
    n = fold(name)
    concepts = _scheme("org_kind").concepts
    best: tuple[int, int, str] | None = None
    for key, (cid, _lang) in _folded("org_kind").items():
        if _occurs(n, key):
            rank = (concepts[cid].priority, len(key), cid)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


def concept_iri(scheme: str, id: str) -> rdflib.URIRef:
    """The IRI of a concept (ValueError when the ID is not in the scheme)."""
    require_id(scheme, id)
    return _scheme(scheme).concepts[id].iri


@functools.cache
def _concepts_by_iri() -> dict[rdflib.URIRef, tuple[str, str]]:
    return {c.iri: (s.name, c.id) for s in _schemes().values() for c in s.concepts.values()}


def concept_id(iri: rdflib.term.Node) -> tuple[str, str] | None:
    """(scheme, id) of a concept IRI, or None."""
    return _concepts_by_iri().get(iri)  # type: ignore[arg-type]


@functools.cache
def _named(kind: rdflib.URIRef) -> dict[str, rdflib.URIRef]:
    g = graph()
    return {str(name): s for s, name in g.subject_objects(NS.graphName) if (s, RDF.type, kind) in g}


def entity_type_iri(type: str) -> rdflib.URIRef:
    """The class of a node label (``Organization`` → ukg:Organization)."""
    try:
        return _named(OWL.Class)[type]
    except KeyError:
        raise ValueError(f"entity type {type!r} has no class in ontology/unionkg.ttl") from None


def entity_type_for_iri(iri: rdflib.term.Node) -> str | None:
    for name, cls in _named(OWL.Class).items():
        if cls == iri:
            return name
    return None


def relation_type_iri(graph_name: str) -> rdflib.URIRef:
    """The object property of a relationship type (``HOLDS_POSITION`` → ukg:holdsPosition)."""
    try:
        return _named(OWL.ObjectProperty)[graph_name]
    except KeyError:
        raise ValueError(f"relation type {graph_name!r} has no property in ontology/unionkg.ttl") from None


@functools.cache
def _relation_mappings() -> dict[str, RelationMapping]:
    g = graph()
    out = {}
    for name, prop in _named(OWL.ObjectProperty).items():
        cls = g.value(prop, NS.reifiedAs)
        if cls is None:
            continue
        out[name] = RelationMapping(name, prop, cls, g.value(prop, NS.sourceProperty), g.value(prop, NS.targetProperty))
    return out


def relation_mapping(graph_name: str) -> RelationMapping:
    """How relations of a type are reified in RDF (see :class:`RelationMapping`)."""
    try:
        return _relation_mappings()[graph_name]
    except KeyError:
        raise ValueError(f"relation type {graph_name!r} has no reification in ontology/unionkg.ttl") from None


def relation_type_for_iri(iri: rdflib.term.Node) -> str | None:
    """The relation type whose property or reified class is ``iri``."""
    for name, m in _relation_mappings().items():
        if iri in (m.property, m.node_class):
            return name
    return None


@dataclass(frozen=True)
class AttributeMapping:
    """How an attribute key is written in RDF.

    ``property``: the property; ``scheme``: values are concepts of this scheme
    (IDs outside it go to ``text_property`` when there is one, else stay
    literals for SHACL to report); ``object``: values are entity IDs;
    ``list_valued``: the attribute is a list."""

    key: str
    entity_type: str | None
    property: rdflib.URIRef
    scheme: str | None
    text_property: rdflib.URIRef | None
    object: bool
    list_valued: bool


@functools.cache
def attribute_mappings() -> tuple[AttributeMapping, ...]:
    """Every attribute the ontology maps (properties with a ukg:graphName that are
    neither classes nor relation types)."""
    g = graph()
    schemes_by_iri = {s.iri: s.name for s in _schemes().values()}
    out = []
    for prop, name in g.subject_objects(NS.graphName):
        if (prop, RDF.type, OWL.Class) in g or (prop, NS.reifiedAs, None) in g:
            continue
        domain = g.value(prop, RDFS.domain)
        scheme = g.value(prop, NS.valueScheme)
        out.append(AttributeMapping(
            key=str(name),
            entity_type=entity_type_for_iri(domain) if domain is not None else None,
            property=prop,
            scheme=schemes_by_iri.get(scheme) if scheme is not None else None,
            text_property=g.value(prop, NS.textProperty),
            object=(prop, RDF.type, OWL.ObjectProperty) in g and scheme is None,
            list_valued=bool(g.value(prop, NS.listValued)),
        ))
    return tuple(sorted(out, key=lambda m: (m.key, m.entity_type or "")))


def concept_classes(scheme: str, id: str) -> list[rdflib.URIRef]:
    """Further classes instances with this concept belong to (``ukg:entityClass``)."""
    return sorted(graph().objects(concept_iri(scheme, id), NS.entityClass))


@functools.cache
def _attribute_properties() -> dict[tuple[str | None, str], tuple[rdflib.URIRef, str | None]]:
    g = graph()
    schemes_by_iri = {s.iri: s.name for s in _schemes().values()}
    out: dict[tuple[str | None, str], tuple[rdflib.URIRef, str | None]] = {}
    for prop, name in g.subject_objects(NS.graphName):
        if (prop, RDF.type, OWL.Class) in g or (prop, NS.reifiedAs, None) in g:
            continue
        domain = g.value(prop, RDFS.domain)
        dtype = entity_type_for_iri(domain) if domain is not None else None
        scheme = g.value(prop, NS.valueScheme)
        out[(dtype, str(name))] = (prop, schemes_by_iri.get(scheme) if scheme is not None else None)
    return out


def attribute_property(entity_type: str | None, key: str) -> tuple[rdflib.URIRef, str | None] | None:
    """(property, value scheme or None) for an attribute key of an entity type
    (or of relations when ``entity_type`` is None), or None when the ontology has none.

    >>> attribute_property("Organization", "kind")[1]
    'org_kind'
    """
    props = _attribute_properties()
    return props.get((entity_type, key)) or props.get((None, key))
