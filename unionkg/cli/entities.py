"""``unionkg entities ...`` (list, show, merge, split, reject, review, undo, judgements, rebuild),
``unionkg import-reference FILE.csv`` and ``unionkg link wikidata``.

Judgements are stored in the store's judgement log, stamped with the author
(``--author``, else ``$UNIONKG_AUTHOR``, else ``$USER``) and the time, and
the graph is rebuilt from the stored raw extractions right away so the
change shows at once and every later ingest keeps it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from unionkg.cli import main
from unionkg.cli.options import EXIT_INPUT, emit_rows, fail, format_option, open_store_from, store_options

__all__ = ["entities", "import_reference", "link"]

author_option = click.option("--author", envvar="UNIONKG_AUTHOR", default=None,
                             help="Who makes the judgement (default $UNIONKG_AUTHOR, else $USER).")
note_option = click.option("--note", default=None, help="Why (kept with the judgement).")


def _judge(store_spec: dict, action) -> Any:
    from unionkg.ingest.judgements import JudgementError, rebuild

    with open_store_from(store_spec) as store:
        try:
            result = action(store)
        except JudgementError as exc:
            fail(str(exc))
        counts = rebuild(store)
    return result, counts


@main.group()
def entities() -> None:
    """List and inspect entities; merge, split or reject them (analyst judgements)."""


@entities.command("list")
@store_options
@format_option
@click.option("--type", "type_", type=click.Choice(["Organization", "Person", "Agreement", "Event", "Place"]),
              help="Only entities of this type.")
@click.option("--name", "name_filter", default=None, help="Only entities one of whose names contains this text.")
@click.option("--reference/--no-reference", default=None, help="Only reference bodies (or only others).")
def list_entities(store_spec: dict, fmt: str, type_: str | None, name_filter: str | None,
                  reference: bool | None) -> None:
    """List entities: id, type, name, aliases, kind, country, wikidata."""
    from unionkg.graph.ids import fold

    with open_store_from(store_spec) as store:
        rows = store.entities(type_)
    if name_filter:
        key = fold(name_filter)
        rows = [e for e in rows if any(key in fold(n) for n in [e["name"], *e["aliases"]])]
    if reference is not None:
        rows = [e for e in rows if bool(e.get("reference")) == reference]
    out = [{"id": e["id"], "type": e["type"], "name": e["name"], "aliases": e["aliases"], "kind": e.get("kind"),
            "country": e.get("country"), "wikidata": e.get("wikidata"), "reference": bool(e.get("reference"))}
           for e in rows]
    emit_rows(out, fmt, columns=["id", "type", "name", "aliases", "kind", "country", "wikidata", "reference"])


@entities.command("show")
@click.argument("entity_id")
@store_options
@format_option
def show(entity_id: str, store_spec: dict, fmt: str) -> None:
    """Show one entity: attributes, claims per document, merges, relations and evidence."""
    with open_store_from(store_spec) as store:
        e = store.entity(entity_id)
        if e is None:
            fail(f"no entity {entity_id!r} in the store (see `unionkg entities list`)")
        claims = store.claims(entity_id)
        rels = store.relations(source=entity_id) + store.relations(target=entity_id)
        evidence = store.evidence(entity_id)
    merges = []
    for c in claims:
        if c["key"] == "resolution":
            value = c["value"]
            for rec in (json.loads(value) if isinstance(value, str) else value) or []:
                merges.append({"document": c["document"], **rec})
    info = {k: v for k, v in e.items() if k != "resolution"}
    if fmt == "json":
        emit_rows([{**info, "claims": [c for c in claims if c["key"] != "resolution"], "merges": merges,
                    "relations": rels, "evidence": evidence}], fmt)
        return
    rows: list[dict[str, Any]] = [{"section": "entity", "key": k, "value": v} for k, v in info.items()]
    rows += [{"section": "claim", "key": c["key"], "value": c["value"], "document": c["document"]}
             for c in claims if c["key"] != "resolution"]
    rows += [{"section": "merge", "key": m.get("name"), "value": f"{m.get('score')} {'; '.join(m.get('reasons', []))}",
              "document": m["document"]} for m in merges]
    rows += [{"section": "relation", "key": r["type"], "value": f"{r['source']} -> {r['target']} {r.get('role') or ''}".strip()}
             for r in rels]
    rows += [{"section": "evidence", "key": ev.get("source"), "value": ev.get("text"), "document": ev.get("document")}
             for ev in evidence]
    emit_rows(rows, fmt, columns=["section", "key", "value", "document"])


@entities.command("merge")
@click.argument("target")
@click.argument("sources", nargs=-1, required=True)
@store_options
@author_option
@note_option
def merge_cmd(target: str, sources: tuple[str, ...], store_spec: dict, author: str | None, note: str | None) -> None:
    """Merge SOURCES into TARGET (one node from now on, also after re-ingest)."""
    from unionkg.ingest import judgements as J

    jid, counts = _judge(store_spec, lambda s: J.merge(s, target, list(sources), author=author, note=note))
    click.echo(f"judgement {jid}: merged {', '.join(sources)} into {target} ({counts['documents']} documents re-resolved)")


@entities.command("split")
@click.argument("entity_id")
@click.option("--document", "documents", multiple=True, help="Split off the mentions in this document (repeatable).")
@click.option("--name", "names", multiple=True, help="Split off the mentions printed as this name (repeatable).")
@store_options
@author_option
@note_option
def split_cmd(entity_id: str, documents: tuple[str, ...], names: tuple[str, ...], store_spec: dict,
              author: str | None, note: str | None) -> None:
    """Split the mentions of ENTITY_ID in some documents (or under some names) into a node of their own."""
    from unionkg.ingest import judgements as J

    if not documents and not names:
        fail("split needs --document DOC or --name NAME")
    jid, counts = _judge(store_spec, lambda s: J.split(s, entity_id, list(documents), list(names),
                                                       author=author, note=note))
    click.echo(f"judgement {jid}: split {J.split_node_id(entity_id, jid)} off {entity_id} "
               f"({counts['documents']} documents re-resolved)")


@entities.command("reject")
@click.argument("entity_id")
@click.option("--not-same", "other", default=None, metavar="OTHER_ID",
              help="Reject a candidate pair instead: ENTITY_ID and OTHER_ID are different entities.")
@store_options
@author_option
@note_option
def reject_cmd(entity_id: str, other: str | None, store_spec: dict, author: str | None, note: str | None) -> None:
    """Reject ENTITY_ID as not an entity (with --not-same: reject the pair as one entity)."""
    from unionkg.ingest import judgements as J

    if other:
        jid, counts = _judge(store_spec, lambda s: J.distinct(s, entity_id, other, author=author, note=note))
        click.echo(f"judgement {jid}: {entity_id} and {other} are kept apart ({counts['documents']} documents re-resolved)")
    else:
        jid, counts = _judge(store_spec, lambda s: J.reject(s, entity_id, author=author, note=note))
        click.echo(f"judgement {jid}: rejected {entity_id} ({counts['documents']} documents re-resolved)")


@entities.command("undo")
@click.argument("judgement_id", required=False, type=int)
@store_options
@author_option
def undo_cmd(judgement_id: int | None, store_spec: dict, author: str | None) -> None:
    """Undo a judgement (default: the latest one still in force)."""
    from unionkg.ingest import judgements as J

    j, counts = _judge(store_spec, lambda s: J.undo(s, judgement_id, author=author))
    click.echo(f"undid judgement {j['id']} ({j['op']}) ({counts['documents']} documents re-resolved)")


@entities.command("judgements")
@store_options
@format_option
@click.option("--all", "show_all", is_flag=True, help="Include undone judgements.")
def judgements_cmd(store_spec: dict, fmt: str, show_all: bool) -> None:
    """List the judgement log: id, op, entities, author, time, undone."""
    with open_store_from(store_spec) as store:
        log = store.judgements()
    rows = []
    for j in log:
        if j.get("undone") and not show_all:
            continue
        if j.get("op") not in ("merge", "split", "reject", "distinct") and not show_all:
            continue
        what = {"merge": lambda: f"{', '.join(j.get('sources', []))} -> {j.get('target')}",
                "split": lambda: f"{j.get('entity')} docs={','.join(j.get('documents', []))} names={','.join(j.get('names', []))}",
                "reject": lambda: str(j.get("entity")),
                "distinct": lambda: f"{j.get('a')} != {j.get('b')}"}.get(j.get("op"), lambda: json.dumps(j, ensure_ascii=False))()
        rows.append({"id": j["id"], "op": j.get("op"), "what": what, "author": j.get("author"),
                     "time": j.get("time"), "note": j.get("note"), "undone": j.get("undone")})
    emit_rows(rows, fmt, columns=["id", "op", "what", "author", "time", "note", "undone"])


@entities.command("review")
@store_options
@format_option
@click.option("--type", "type_", type=click.Choice(["Organization", "Person"]), default=None)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many pairs.")
def review_cmd(store_spec: dict, fmt: str, type_: str | None, limit: int) -> None:
    """Uncertain candidate pairs, best first, with the sentences behind each side."""
    from unionkg.ingest.review import review_candidates

    with open_store_from(store_spec) as store:
        rows = review_candidates(store, type_, limit)
        wd = [j for j in store.judgements() if j.get("op") == "wikidata_candidate" and not j.get("undone")]
    for j in wd:
        rows.append({"score": None, "type": "wikidata", "a": j.get("entity"), "a_name": j.get("name"),
                     "b": j.get("qid"), "b_name": j.get("label"), "reasons": [j.get("description") or ""],
                     "conflict": None, "a_sentences": [], "b_sentences": []})
    emit_rows(rows, fmt, columns=["score", "type", "a", "a_name", "b", "b_name", "reasons", "conflict",
                                  "a_sentences", "b_sentences"])


@entities.command("rebuild")
@store_options
@click.option("--re-extract", is_flag=True,
              help="Extract every stored document's text again first (after an extractor upgrade).")
def rebuild_cmd(store_spec: dict, re_extract: bool) -> None:
    """Re-resolve every stored document with the judgements (after a reference
    change; with --re-extract, after an extractor upgrade)."""
    from unionkg.ingest.judgements import rebuild

    extractor = None
    if re_extract:
        from unionkg.ingest.pipeline import default_extractor

        extractor = default_extractor()
    with open_store_from(store_spec) as store:
        counts = rebuild(store, extractor=extractor)
    click.echo(f"{'re-extracted and ' if re_extract else ''}re-resolved {counts['documents']} documents")


@main.command("import-reference")
@click.argument("file", type=click.Path(dir_okay=False))
@store_options
def import_reference(file: str, store_spec: dict) -> None:
    """Add an analyst's reference organisations from FILE.csv.

    Columns: name, aliases (| separated), country (ISO alpha-2), kind (an
    ontology organisation kind), parent (| separated names or ids of
    reference bodies), wikidata (QID). Bad rows are reported one line each
    (file:line: reason) and skipped; the others are stored, and the graph is
    re-resolved against them.
    """
    from unionkg.graph.ids import fold
    from unionkg.ingest.judgements import rebuild
    from unionkg.ingest.reference import load_reference, parse_reference_csv, to_entities
    from unionkg.ingest.resolve import ensure_reference

    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read ({getattr(exc, 'strerror', None) or exc})")
    with open_store_from(store_spec, create=True) as store:
        ensure_reference(store)
        known: dict[str, str] = {}
        for e in store.entities("Organization"):
            if e.get("reference"):
                rid = e.get("ref") or e["id"]
                for n in [e["name"], *e["aliases"]]:
                    known.setdefault(fold(n), rid)
                known.setdefault(rid, rid)
        for o in load_reference():
            known.setdefault(o.id, o.id)
        orgs, errors = parse_reference_csv(text, file, with_id=False, known_ids=known)
        for err in errors:
            click.echo(f"unionkg: error: {err}", err=True)
        if orgs:
            ents, rels = to_entities(orgs)
            store.put_reference_entities(ents, rels)
            counts = rebuild(store)
            click.echo(f"imported {len(orgs)} reference organisations from {file} "
                       f"({counts['documents']} documents re-resolved)")
    if errors:
        raise SystemExit(EXIT_INPUT)


@main.group()
def link() -> None:
    """Link entities to external identifiers."""


WIKIDATA_API = "https://www.wikidata.org/w/api.php"


def _reachable(url: str, timeout: float = 3.0) -> str | None:
    """None when ``url``'s host answers a TCP connection, else the reason."""
    import socket
    from urllib.parse import urlparse

    u = urlparse(url)
    port = u.port or (443 if u.scheme == "https" else 80)
    try:
        with socket.create_connection((u.hostname, port), timeout=timeout):
            return None
    except OSError as exc:
        return exc.strerror or str(exc) or type(exc).__name__


@link.command("wikidata")
@store_options
@click.option("--online", is_flag=True,
              help="Also ask Wikidata's public API for candidates for unlinked organisations "
                   "(proposed in `entities review`, never accepted automatically).")
@click.option("--accept", nargs=2, metavar="ENTITY_ID QID", default=None,
              help="Accept a QID for an entity (an analyst decision).")
def link_wikidata(store_spec: dict, online: bool, accept: tuple[str, str] | None) -> None:
    """Attach Wikidata QIDs from reference data (the `wikidata` column)."""
    import re

    from unionkg.ingest.reference import load_reference

    api = os.environ.get("UNIONKG_WIKIDATA_API", WIKIDATA_API)
    if online:
        why = _reachable(api)
        if why is not None:
            click.echo(f"unionkg: cannot reach Wikidata at {api} ({why}); nothing changed", err=True)
            return
    with open_store_from(store_spec) as store:
        if accept:
            eid, qid = accept
            if not re.fullmatch(r"Q[1-9][0-9]*", qid):
                fail(f"{qid!r} is not a QID like Q12345")
            if store.entity(eid) is None:
                fail(f"no entity {eid!r} in the store")
            store.set_attr(eid, "wikidata", qid)
            click.echo(f"linked {eid} to {qid}")
            return
        linked = 0
        refs = {o.entity_id: o.wikidata for o in load_reference() if o.wikidata}
        for e in store.entities("Organization"):
            qid = refs.get(e["id"]) or (e.get("wikidata") if e.get("reference") else None)
            if qid and e.get("wikidata") != qid:
                store.set_attr(e["id"], "wikidata", qid)
                linked += 1
        click.echo(f"linked {linked} entities to Wikidata from reference data")
        if online:
            n = _propose_candidates(store, api)
            click.echo(f"proposed {n} Wikidata candidates (see `unionkg entities review`)")


def _propose_candidates(store: Any, api: str, per_entity: int = 3) -> int:
    """Ask wbsearchentities for each unlinked organisation; store proposals in the judgement log."""
    import urllib.parse
    import urllib.request

    from unionkg.ingest.judgements import author_from_env

    have = {(j.get("entity"), j.get("qid")) for j in store.judgements() if j.get("op") == "wikidata_candidate"}
    n = 0
    for e in store.entities("Organization"):
        if e.get("wikidata"):
            continue
        q = urllib.parse.urlencode({"action": "wbsearchentities", "search": e["name"], "language": "en",
                                    "format": "json", "limit": per_entity, "type": "item"})
        try:
            with urllib.request.urlopen(f"{api}?{q}", timeout=10) as resp:  # noqa: S310 - fixed https API
                data = json.load(resp)
        except (OSError, ValueError):
            continue
        for hit in data.get("search", []):
            if (e["id"], hit.get("id")) in have:
                continue
            store.add_judgement({"op": "wikidata_candidate", "entity": e["id"], "name": e["name"],
                                 "qid": hit.get("id"), "label": hit.get("label"),
                                 "description": hit.get("description"), "author": author_from_env()})
            n += 1
    return n
