"""What every command receives: the environment, the settings, and the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tracker import render
from tracker.render import Environment

if TYPE_CHECKING:
    from tracker.config import Settings
    from tracker.db import Database


class App:
    """One run of the command line: where it writes, its settings, its database.

    Created by ``tracker.cli.main`` and handed to every command through the
    click context. The database is opened on first use, once per run.
    """

    def __init__(self, env: Environment | None = None) -> None:
        self.env = env if env is not None else Environment()
        self.db_option: str | None = None
        self.config_option: str | None = None
        self.color_option: str | None = None
        self.verbose = False
        self._settings: Settings | None = None
        self._database: Database | None = None

    def configure(
        self,
        db: str | None,
        verbose: bool,
        config: str | None = None,
        color: str | None = None,
    ) -> None:
        """The root options (``--db``, ``--verbose``, ``--config``, ``--color``)."""
        self.db_option = db
        self.verbose = verbose
        self.config_option = config
        self.color_option = color
        if color is not None:
            self._apply_color(color)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from tracker.config import load_settings

            self._settings = load_settings(
                self.db_option, config=self.config_option, color=self.color_option
            )
            self._apply_color(self._settings.color)
        return self._settings

    def _apply_color(self, color: str) -> None:
        """``always`` and ``never`` override the terminal's say; ``auto`` keeps it."""
        if color == "always":
            self.env.colour = True
        elif color == "never":
            self.env.colour = False

    def database(self, *, immediate: bool = False, check_schema: bool = True) -> Database:
        """Open the database once per run.

        ``check_schema``: create it or bring it to head first (every command
        but the ``db`` ones, which inspect and migrate the schema themselves).
        """
        if self._database is None:
            from tracker.config import default_db
            from tracker.db import open_database

            db = self.settings.db
            if check_schema and db == default_db():
                # The default location is ours to create; a user-given folder is not.
                from pathlib import Path

                Path(db).parent.mkdir(parents=True, exist_ok=True)
            self._database = open_database(db, immediate=immediate, check_schema=check_schema)
            state = self._database.state
            if state is not None and state.action == "upgraded" and state.backup is not None:
                self.warn(f"database upgraded to {state.revision}; backup kept at {state.backup}")
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None

    # What commands print goes through the environment, escaped.

    def echo(self, text: object = "", *, err: bool = False) -> None:
        render.echo(self.env, text, err=err)

    def warn(self, message: str) -> None:
        render.warn(self.env, message)

    def echo_json(self, data: Any) -> None:
        render.echo_json(self.env, data)


pass_app = click.make_pass_decorator(App, ensure=True)


class CommandGroup(click.Group):
    """A group that lists its commands in the order they were added: the workflow's."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)
