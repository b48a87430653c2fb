"""Import and export: pure functions from bytes to models and back."""
