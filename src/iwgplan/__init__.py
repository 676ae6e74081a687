"""iwgplan: keep a multi-year work plan in a YAML file, and know where it stands."""

__version__ = "0.1.0"
