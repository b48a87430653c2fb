"""Pure domain logic: models and rules. No file I/O, no Textual, no TinyDB."""
