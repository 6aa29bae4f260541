"""Which models a comparison shows: a link's ids checked against the catalog, a page's candidates."""

from __future__ import annotations

MAX_MODELS = 4


def usable_ids(ids, known) -> tuple[tuple[str, ...], list[str]]:
    """(the first MAX_MODELS ids that are in ``known``, in order, without repeats; what was left out,
    in words)."""
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    unknown = [i for i in wanted if i not in known]
    kept = [i for i in wanted if i in known]
    shown = ", ".join(i[:40] for i in unknown[:5]) + (
        f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    )
    warnings = [f"unknown model ids: {shown}"] if unknown else []
    if len(kept) > MAX_MODELS:
        warnings.append(
            f"{len(kept)} models given, at most {MAX_MODELS} are compared: the first {MAX_MODELS} shown"
        )
    return tuple(kept[:MAX_MODELS]), warnings


def first_comparable(*candidates: tuple[str, object]) -> tuple[str, tuple[str, ...]]:
    """The first (label, model ids) with at least two models, ids capped at MAX_MODELS (the label then
    says so); ("", ()) if none has."""
    for label, ids in candidates:
        ids = tuple(dict.fromkeys(ids))
        if len(ids) >= 2:
            return label + (f" (the first {MAX_MODELS})" if len(ids) > MAX_MODELS else ""), ids[:MAX_MODELS]
    return "", ()
