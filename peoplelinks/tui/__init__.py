"""The terminal user interface (Textual). The only package that imports Textual."""
