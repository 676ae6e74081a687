"""Reporters for `iwgplan portfolio` (text, Markdown, JSON) and the "Carried from" section of
`show` across plans."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from iwgplan.i18n import colon, ngettext, share, status_word
from iwgplan.i18n import gettext as _
from iwgplan.render import safe
from iwgplan.render.markdown import cell, table
from iwgplan.views.portfolio import Block, Carry, Link, Portfolio, as_data, link_data

COUNTED = ("done", "in-progress", "planned", "blocked", "dropped")


def _counts(b: Block) -> str:
    total = sum(b.counts.values())
    parts = [f"{b.counts.get(s, 0)} {status_word(s)}" for s in COUNTED if b.counts.get(s, 0)]
    done = ngettext("{share} done of {n} deliverable", "{share} done of {n} deliverables", total).format(
        share=share(b.done_percent / 100), n=total
    )
    return done + (f" ({', '.join(parts)})" if parts else "")


def _chain(c: Carry, *, own: bool = True) -> str:
    steps = [f"{c.item.plan}#{c.item.id} ({status_word(c.item.status)})"] if own else []
    steps += [f"{x.plan}#{x.id} ({status_word(x.status)})" for x in c.earlier]
    if c.missing:
        steps.append(_("{ref} (not found)").format(ref=c.missing))
    return " ← ".join(steps)


def text(p: Portfolio, out: Console) -> None:
    def say(line: Text) -> None:
        out.print(line, soft_wrap=True)

    say(Text(safe.line(_("{summary}, as of {date}").format(summary=p.summary(), date=p.as_of)), style="bold"))
    for b in p.blocks:
        say(Text(""))
        say(Text(safe.line(f"{b.id}{colon()}{b.title}"), style="bold"))
        period = _("{start} to {end}").format(start=b.start, end=b.end)
        elapsed = _("{share} of the period elapsed").format(share=share(b.elapsed))
        say(Text(safe.line(f"  {period} · {b.state} · {elapsed}")))
        say(Text(safe.line(f"  {_counts(b)}")))
        say(Text(safe.line("  " + _("plan: {path}").format(path=b.shown)), style="dim"))
    if p.carries:
        say(Text(""))
        say(Text(_("Carried across plans"), style="bold underline"))
        for c in p.carries:
            say(Text(safe.line(f"  {_chain(c)}{colon()}{c.item.title}")))
    for m in p.invalid:
        say(
            Text(
                safe.line(
                    _("not read: {path} is not a valid plan (iwgplan validate {path})").format(path=m.shown)
                ),
                style="dim",
            )
        )


def markdown(p: Portfolio) -> str:
    parts = [
        _("**iwgplan portfolio** as of {date}: {summary}").format(date=p.as_of, summary=cell(p.summary()))
        + "\n"
    ]
    cells = [
        [
            b.id,
            b.title,
            _("{start} to {end}").format(start=b.start, end=b.end),
            b.state,
            share(b.done_percent / 100),
            _counts(b),
            b.shown,
        ]
        for b in p.blocks
    ]
    headers = [_("plan"), _("title"), _("period"), _("state"), _("done"), _("deliverables"), _("file")]
    parts.append(table(headers, cells))
    if p.carries:
        parts.append(f"### {_('Carried across plans')} ({len(p.carries)})\n")
        rows = [
            [f"{c.item.plan}#{c.item.id}", c.item.title, status_word(c.item.status), _chain(c, own=False)]
            for c in p.carries
        ]
        parts.append(table([_("item"), _("title"), _("status"), _("carried from")], rows))
    parts += [
        "*" + _("not read: {path} is not a valid plan").format(path=cell(m.shown)) + "*\n" for m in p.invalid
    ]
    return "\n".join(parts)


def as_json(p: Portfolio) -> str:
    return safe.json_text(as_data(p))


# --- show ID: the plans before ------------------------------------------------------------------


def carried_text(c: Carry, out: Console) -> None:
    out.print(Text(_("carried from"), style="bold"), soft_wrap=True)
    for x in c.earlier:
        out.print(Text(safe.line(f"  {x.plan}#{x.id}  {x.status}  {x.title}  ({x.shown})")), soft_wrap=True)
        out.print(Text(safe.line(f"      {x.history}"), style="dim"), soft_wrap=True)
    if c.missing:
        missing = _("{ref}: not found among the plans beside this one").format(ref=c.missing)
        out.print(Text(safe.line(f"  {missing}"), style="dim"))


def carried_markdown(c: Carry) -> str:
    rows = [[f"{x.plan}#{x.id}", x.status, x.title, x.history, x.shown] for x in c.earlier]
    if c.missing:
        rows.append([c.missing, _("not found"), "", "", ""])
    headers = [_("item"), _("status"), _("title"), _("history"), _("file")]
    return f"\n### {_('Carried from')}\n\n" + table(headers, rows)


def carried_data(c: Carry, ref: str) -> dict[str, object]:
    """`show --format json`: the item's `carried_from`, the earlier items it leads to (nearest
    first) and the reference the chain could not follow, if any."""
    return {
        "carried_from": ref,
        "carried_from_items": [link_data(x) for x in c.earlier],
        "carried_from_not_found": c.missing,
    }


__all__ = ["Link", "as_json", "carried_data", "carried_markdown", "carried_text", "markdown", "text"]
