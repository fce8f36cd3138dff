"""Runtime settings, read from the environment (replaces the old shop/settings.py)."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str
    currency: str = "EUR"
    max_items_per_order: int = 100


def load_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "sqlite:///shop.db"),
        currency=os.environ.get("SHOP_CURRENCY", "EUR"),
    )
