"""The ontology is the only source of vocabularies, and it covers what the data and code use."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest

from unionkg.graph.ids import fold
from unionkg.graph.model import ENTITY_ATTRS, ENTITY_TYPES, RELATION_TYPES
from unionkg.ontology import vocab

ROOT = Path(__file__).resolve().parents[1]
DEVSET = Path(os.environ.get("UNIONKG_DEVSET", ROOT.parent / "shared" / "devset"))
LANGS = ("en", "id", "ms", "vi", "th", "tl", "km", "lo", "my")

# The IDs issue 3 fixes as the project's vocabulary (the JSON contract, Neo4j, the CLI).
ISSUE_IDS = {
    "role": "president vice_president senior_vice_president general_chair chair deputy_chair secretary_general "
    "deputy_secretary_general treasurer director deputy_director head deputy_head member advisor founder "
    "coordinator representative minister other",
    "org_kind": "union federation confederation regional_body global_union government employer igo ngo company "
    "political_party other",
    "agreement_kind": "mou cooperation_agreement collective_agreement joint_statement other",
    "agreement_status": "proposed planned signed in_force ended",
    "event_kind": "meeting visit congress conference election training protest other",
    "topic": "education training capacity_building migrant_workers wages occupational_safety_and_health "
    "social_security collective_bargaining freedom_of_association platform_work",
}


def _golds() -> list[tuple[str, dict]]:
    files = sorted(DEVSET.glob("*.json"))
    if not files:
        pytest.fail(f"no devset gold files in {DEVSET} (set UNIONKG_DEVSET)")
    return [(f.name, json.loads(f.read_text(encoding="utf-8"))) for f in files]


@pytest.mark.parametrize("scheme", vocab.SCHEMES)
def test_every_scheme_has_concepts_with_labels(scheme):
    ids = vocab.scheme_ids(scheme)
    assert ids
    for cid in ids:
        assert vocab.labels(scheme, cid), f"{scheme}:{cid} has no label"
        assert vocab.concept_iri(scheme, cid)
        assert vocab.concept_id(vocab.concept_iri(scheme, cid)) == (scheme, cid)


@pytest.mark.parametrize("scheme", sorted(ISSUE_IDS))
def test_issue_ids_exist(scheme):
    assert set(ISSUE_IDS[scheme].split()) <= set(vocab.scheme_ids(scheme))


@pytest.mark.parametrize("scheme", vocab.SCHEMES)
def test_folded_labels_are_unambiguous(scheme):
    seen: dict[str, set[str]] = {}
    for label, cid, _lang in vocab.lexicon(scheme):
        seen.setdefault(fold(label), set()).add(cid)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes, f"labels naming several {scheme} concepts: {clashes}"


def test_lexicon_is_longest_first():
    lex = vocab.lexicon("role")
    assert [len(label) for label, _, _ in lex] == sorted((len(label) for label, _, _ in lex), reverse=True)


def test_role_labels_cover_the_nine_languages():
    langs = {lang for cid in vocab.scheme_ids("role") for lang in vocab.labels("role", cid)}
    assert set(LANGS) <= langs


def test_unknown_ids_and_schemes_are_reported():
    with pytest.raises(ValueError, match="role.*'chief_wizard'|'chief_wizard'.*role"):
        vocab.require_id("role", "chief_wizard")
    with pytest.raises(ValueError, match="colour"):
        vocab.scheme_ids("colour")
    assert not vocab.is_id("org_kind", None)


def test_devset_titles_map_to_their_roles():
    misses = []
    n = 0
    for name, gold in _golds():
        for pos in gold.get("positions") or []:
            if not pos.get("title"):
                continue
            n += 1
            got = vocab.role_for_title(pos["title"], gold.get("language"))
            if got != pos["role"]:
                misses.append(f"{name}: {pos['title']!r} -> {got}, gold {pos['role']}")
    assert n > 50
    assert not misses, "\n".join(misses)


def test_role_for_title_rules():
    assert vocab.role_for_title("Wakil Presiden KSPSI") == "vice_president"
    assert vocab.role_for_title("Pemangku Presiden") == "president"  # acting: ends with the post
    assert vocab.role_for_title("Ủy viên Đoàn Chủ tịch") == "member"  # prefix beats suffix
    assert vocab.role_for_title("wapres") == "vice_president"
    assert vocab.role_for_title("Tổng thư ký") == "secretary_general"
    assert vocab.role_for_title("รองประธานสหภาพแรงงาน") == "vice_president"  # no spaces in Thai
    assert vocab.role_for_title("Presidential") is None  # word boundaries, not substrings
    assert vocab.role_for_title("") is None
    assert vocab.role_for_title(None) is None


def test_devset_vocabulary_values_are_ids():
    for name, gold in _golds():
        for org in gold.get("organizations") or []:
            vocab.require_id("org_kind", org["kind"])
        for pos in gold.get("positions") or []:
            vocab.require_id("role", pos["role"])
        for agr in gold.get("agreements") or []:
            vocab.require_id("agreement_kind", agr["kind"])
            vocab.require_id("agreement_status", agr["status"])
        for evt in gold.get("events") or []:
            vocab.require_id("event_kind", evt["kind"])


def test_kind_for_name():
    assert vocab.kind_for_name("Konfederasi Serikat Pekerja Seluruh Indonesia") == "confederation"
    assert vocab.kind_for_name("Federasi Serikat Pekerja Metal Indonesia") == "federation"
    assert vocab.kind_for_name("Tổng Liên đoàn Lao động Việt Nam") == "confederation"
    assert vocab.kind_for_name("Liên đoàn Lao động tỉnh Bình Dương") == "federation"
    assert vocab.kind_for_name("Malaysian Trades Union Congress") == "confederation"
    assert vocab.kind_for_name("Malaysian Employers Federation") == "employer"
    assert vocab.kind_for_name("Serikat Pekerja PT Contoh Makmur") == "union"
    assert vocab.kind_for_name("Kementerian Ketenagakerjaan") == "government"
    assert vocab.kind_for_name("Partai Buruh") == "political_party"
    assert vocab.kind_for_name("Contoh Jaya Sdn Bhd") == "company"
    assert vocab.kind_for_name("Unionville Bakery") is None  # word boundaries
    assert vocab.kind_for_name("") is None


def test_devset_kind_for_name_agrees_mostly():
    """Names alone cannot decide every kind (ASEAN TUC is a regional body); the
    reference data does that. The head nouns must still get most right."""
    pairs = [(o["name"], o["kind"]) for _, g in _golds() for o in g.get("organizations") or []]
    right = sum(vocab.kind_for_name(n) == k for n, k in pairs)
    assert right / len(pairs) >= 0.7, f"{right}/{len(pairs)}"


def test_model_types_map_to_ontology_terms():
    for t in ENTITY_TYPES:
        iri = vocab.entity_type_iri(t)
        assert vocab.entity_type_for_iri(iri) == t
    for r in RELATION_TYPES:
        iri = vocab.relation_type_iri(r)
        m = vocab.relation_mapping(r)
        assert m.property == iri and m.node_class and m.source_property and m.target_property
        assert vocab.relation_type_for_iri(m.node_class) == r
    for etype, keys in ENTITY_ATTRS.items():
        for key in keys:
            assert vocab.attribute_property(etype, key), f"{etype}.{key} has no property in the ontology"
    for key in ("role", "title", "start", "end"):
        assert vocab.attribute_property(None, key)
    with pytest.raises(ValueError):
        vocab.entity_type_iri("Spaceship")


# Functions whose literal (scheme, id) arguments name vocabulary IDs.
_VOCAB_CALLS = {"require_id", "is_id", "concept_iri", "labels"}


def _literal_vocab_uses() -> list[tuple[str, int, str, str]]:
    uses = []
    # The package's source folders (not tests, which use bad IDs on purpose, nor .venv).
    folders = ("unionkg", "ontology", "ingest", "graph", "queries", "viz", "benchmarks")
    for path in (p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if fname not in _VOCAB_CALLS:
                continue
            scheme, cid = node.args[0], node.args[1]
            if isinstance(scheme, ast.Constant) and isinstance(cid, ast.Constant) and isinstance(cid.value, str):
                uses.append((str(path.relative_to(ROOT)), node.lineno, scheme.value, cid.value))
    return uses


# Entity/relation dict keys whose values are vocabulary IDs, and their schemes.
_KEYED = {"role": ("role",), "status": ("agreement_status",), "topics": ("topic",),
          "kind": ("org_kind", "agreement_kind", "event_kind")}


def _key_of(node: ast.AST) -> str | None:
    """``e["kind"]`` or ``e.get("kind")`` (dict access on an entity or relation)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in _KEYED:
        return node.slice.value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in _KEYED):
        return node.args[0].value
    return None


def _compared_vocab_literals() -> list[tuple[str, int, str, str]]:
    """String literals compared with ``x["kind"]``/``x.get("role")`` etc., and ``role="..."``
    keyword arguments, in the package."""
    found = []
    folders = ("unionkg", "ontology", "ingest", "graph", "queries", "viz", "benchmarks")
    for path in (p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.keyword) and node.arg == "role" and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)):  # Relation(..., role="chair")
                found.append((str(path.relative_to(ROOT)), node.value.lineno, "role", node.value.value))
                continue
            if not isinstance(node, ast.Compare) or not (key := _key_of(node.left)):
                continue
            for comp in node.comparators:
                for c in ast.walk(comp):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        found.append((str(path.relative_to(ROOT)), node.lineno, key, c.value))
    return found


# Same key, other meaning (path, value): not vocabulary comparisons.
_NOT_VOCABULARY = {("graph/neo4j_store.py", "entity")}  # a Cypher record's statement kind


def test_compared_vocabulary_values_exist():
    """`e["kind"] == "confederaton"` (a typo) would silently never match: every literal
    compared with a vocabulary-valued key must be an ID of one of its schemes."""
    bad = [f"{p}:{line}: {key} == {value!r}" for p, line, key, value in _compared_vocab_literals()
           if not any(vocab.is_id(s, value) for s in _KEYED[key]) and (p, value) not in _NOT_VOCABULARY]
    assert not bad, "values not in ontology/unionkg.ttl:\n" + "\n".join(bad)
    assert len(_compared_vocab_literals()) >= 3  # the scan finds the comparisons that exist today


def test_code_uses_only_ids_the_ontology_has():
    bad = [f"{p}:{line}: {s}:{c}" for p, line, s, c in _literal_vocab_uses()
           if s not in vocab.SCHEMES or not vocab.is_id(s, c)]
    assert not bad, "vocabulary IDs missing from ontology/unionkg.ttl:\n" + "\n".join(bad)


def test_docs_list_every_mapped_term():
    """docs/ontology.md has a row for every class, relation type and attribute the Turtle maps."""
    docs = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    g = vocab.graph()
    missing = []
    for term in set(g.subjects(vocab.NS.graphName, None)):
        qname = "ukg:" + str(term).rsplit("#", 1)[-1]
        if f"`{qname}`" not in docs and f"`{qname}," not in docs:
            missing.append(qname)
    for scheme in vocab.SCHEMES:
        for cid in vocab.scheme_ids(scheme):
            if cid not in docs:
                missing.append(f"{scheme}:{cid}")
    assert not missing, f"not in docs/ontology.md: {missing}"
