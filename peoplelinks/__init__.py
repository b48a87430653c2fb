"""peoplelinks: a keyboard-driven terminal personal CRM for job-search networking."""

__version__ = "0.1.0"
