"""One name, one key: bare names resolved to the longer ones an article used first."""

from __future__ import annotations

from tracker.extract.entities import Entity


def alias(entities: list[Entity], headline: bool = False) -> None:
    """Resolve bare names to longer ones seen earlier in the same article.

    ``Hélios`` after ``Hélios Énergie`` becomes ``helios energie``: the first
    token of a multi-word name, used alone later, is that name. With a
    ``headline`` (the entities of sentence 0), its short names also resolve to
    the one longer name of the body they begin ("Calloway" in the headline,
    "Calloway Financial" in the body): headlines abbreviate.
    """
    if headline:
        # The body's first name starting with each word, and its longer names.
        first_in_body: dict[str, str] = {}
        longer: set[str] = set()
        for e in entities:
            if e.sentence > 0:
                first_in_body.setdefault(e.canonical.split()[0], e.canonical)
                if " " in e.canonical:
                    longer.add(e.canonical)
        for entity in entities:
            if entity.sentence != 0:
                break
            prefix = entity.canonical + " "
            found = [c for c in longer if c.startswith(prefix)]
            # Not when the body names it short first: "Microsoft ...
            # Microsoft Designer" is a company, then its product.
            if len(found) == 1 and first_in_body.get(entity.canonical.split()[0]) == found[0]:
                entity.canonical = found[0]
    by_first: dict[str, str] = {}
    by_last: dict[str, str | None] = {}
    standalone: set[str] = set()
    for entity in entities:
        tokens = entity.canonical.split()
        if len(tokens) > 1:
            # "Microsoft Designer" after many a bare "Microsoft" is a product
            # of that name, not its long form.
            if tokens[0] not in standalone:
                by_first.setdefault(tokens[0], entity.canonical)
            # "Montaubin" after "Claire Montaubin", "Valmont" after "Olympique
            # de Valmont"; not when two names end alike ("Alder Partners",
            # "Crestline Partners"), never a place ("Bank of America").
            last = tokens[-1]
            if len(last) > 3 and last not in standalone:
                known = by_last.get(last, entity.canonical)
                by_last[last] = entity.canonical if known == entity.canonical else None
        elif tokens and tokens[0] in by_first:
            entity.canonical = by_first[tokens[0]]
        elif tokens and by_last.get(tokens[0]) and not entity.place:
            entity.canonical = by_last[tokens[0]] or entity.canonical
        elif tokens:
            standalone.add(tokens[0])
