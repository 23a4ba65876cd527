"""``tracker config``: every setting, its value, and where it came from."""

from __future__ import annotations

from typing import Any

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option


@click.command("config")
@json_option
@pass_app
def config_cmd(app: App, as_json: bool) -> None:
    """Show every setting with its value and where it came from.

    Each comes from an option (--db, --color), else its environment variable
    (TRACKER_DB, TRACKER_LINK_THRESHOLD...), else the config file, else its
    default.

    \b
    Example:
      tracker config
      tracker --config ./team.toml config --json
    """
    from tracker.config import resolve_settings
    from tracker.configfile import BY_KEY

    found = resolve_settings(app.db_option, config=app.config_option, color=app.color_option)
    if as_json:
        app.echo_json(
            {
                "file": str(found.path),
                "file_found": found.found,
                "settings": [
                    {"key": r.key, "value": r.value, "origin": r.origin}
                    for r in found.values.values()
                ],
            }
        )
        return
    from tracker.render import table

    app.echo(f"config file: {found.path}" + ("" if found.found else " (none there)"))
    table(
        app.env,
        ["setting", "value", "from", "environment variable"],
        [
            [r.key, _shown(r.key, r.value), r.origin, BY_KEY[r.key].env]
            for r in found.values.values()
        ],
    )


def _shown(key: str, value: Any) -> str:
    if value is None:
        return "auto" if key == "jobs" else "-"
    return str(value)
