"""Order and pricing service of the shop."""

__version__ = "0.4.0"
