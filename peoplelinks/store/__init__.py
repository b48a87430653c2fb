"""Storage: the TinyDB database file, its journal, lock, backups and migrations.

Nothing above this package touches TinyDB or the files directly.
"""
