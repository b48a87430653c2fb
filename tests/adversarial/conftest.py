"""The adversarial suite reuses the command-line fixtures (a CLI on a database in tmp_path)."""

from tests.cli.conftest import _demo_template, _no_real_database, cli, db, demo  # noqa: F401
