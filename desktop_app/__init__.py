"""Archive Browser: a private, searchable, offline library of saved web pages."""

__version__ = "0.1.0"
