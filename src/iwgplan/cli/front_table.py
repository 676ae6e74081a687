"""The start-up path's options, generated from the Typer app by
`python -m iwgplan.cli.front_gen`: do not edit (`tests/test_front.py` and `.ci/run` check it).

For each browse command and `done`: {option: (keyword, kind, default, choices, low, high)}, the
keyword of its positional argument, and whether that argument takes one value or several.
Kinds: text, day (a YYYY-MM-DD value, metavar DATE), int, choice, many (a repeatable choice),
flag, path.
Left to the Typer app: --rev (it reads git, which only the Typer app does), --all (status --all reads every plan of the folder, as `portfolio` does).
"""

from typing import Any

COMMANDS: dict[str, tuple[dict[str, tuple[Any, ...]], str | None, bool]] = {
    'status': (
        {
            '--as-of': ('as_of', 'day', None, (), None, None),
            '--horizon': ('horizon', 'int', 60, (), 0, 3660),
            '--since': ('since', 'text', None, (), None, None),
            '--format': ('fmt', 'choice', 'text', ('text', 'json', 'markdown'), None, None),
            '--owner': ('owner', 'text', None, (), None, None),
            '--plan': ('plan', 'path', None, (), None, None),
            '--wide': ('wide', 'flag', False, (), None, None),
            '--no-wrap': ('no_wrap', 'flag', False, (), None, None),
            '--no-pager': ('no_pager', 'flag', False, (), None, None),
            '--full': ('full', 'flag', False, (), None, None),
            '--lang': ('lang', 'choice', None, ('en', 'fr', 'es'), None, None),
        },
        None,
        False,
    ),
    'tiers': (
        {
            '--format': ('fmt', 'choice', 'text', ('text', 'json', 'markdown'), None, None),
            '--as-of': ('as_of', 'day', None, (), None, None),
            '--plan': ('plan', 'path', None, (), None, None),
            '--no-pager': ('no_pager', 'flag', False, (), None, None),
            '--lang': ('lang', 'choice', None, ('en', 'fr', 'es'), None, None),
        },
        None,
        False,
    ),
    'show': (
        {
            '--format': ('fmt', 'choice', 'text', ('text', 'json', 'markdown'), None, None),
            '--as-of': ('as_of', 'day', None, (), None, None),
            '--plan': ('plan', 'path', None, (), None, None),
            '--exact': ('exact', 'flag', False, (), None, None),
            '--wide': ('wide', 'flag', False, (), None, None),
            '--no-wrap': ('no_wrap', 'flag', False, (), None, None),
            '--no-pager': ('no_pager', 'flag', False, (), None, None),
            '--lang': ('lang', 'choice', None, ('en', 'fr', 'es'), None, None),
        },
        'item_id',
        False,
    ),
    'list': (
        {
            '--tier': ('tier', 'text', None, (), None, None),
            '--status': ('statuses', 'many', (), ('planned', 'in-progress', 'done', 'blocked', 'dropped'), None, None),
            '--owner': ('owner', 'text', None, (), None, None),
            '--due-before': ('due_before', 'day', None, (), None, None),
            '--overdue': ('overdue', 'flag', False, (), None, None),
            '--search': ('search', 'text', None, (), None, None),
            '--meeting': ('meeting', 'text', None, (), None, None),
            '--as-of': ('as_of', 'day', None, (), None, None),
            '--format': ('fmt', 'choice', 'text', ('text', 'json', 'markdown', 'csv'), None, None),
            '--raw': ('raw', 'flag', False, (), None, None),
            '--excel': ('excel', 'flag', False, (), None, None),
            '--plan': ('plan', 'path', None, (), None, None),
            '--wide': ('wide', 'flag', False, (), None, None),
            '--no-wrap': ('no_wrap', 'flag', False, (), None, None),
            '--no-pager': ('no_pager', 'flag', False, (), None, None),
            '--lang': ('lang', 'choice', None, ('en', 'fr', 'es'), None, None),
        },
        None,
        False,
    ),
    'done': (
        {
            '--date': ('on', 'day', None, (), None, None),
            '--note': ('note', 'text', None, (), None, None),
            '--evidence': ('evidence', 'text', None, (), None, None),
            '--evidence-title': ('evidence_title', 'text', None, (), None, None),
            '--with-children': ('with_children', 'flag', False, (), None, None),
            '--force': ('force', 'flag', False, (), None, None),
            '--reason': ('reason', 'text', None, (), None, None),
            '--future': ('future', 'flag', False, (), None, None),
            '--dry-run': ('dry_run', 'flag', False, (), None, None),
            '--plan': ('plan', 'path', None, (), None, None),
            '--exact': ('exact', 'flag', False, (), None, None),
        },
        'ids',
        True,
    ),
}
