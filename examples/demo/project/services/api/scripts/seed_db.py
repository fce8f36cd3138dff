"""Creates the tables and a few demo customers. Run: uv run python scripts/seed_db.py"""

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, create_engine

from shop.config import load_settings

metadata = MetaData()
customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String, nullable=False, unique=True),
    Column("country", String(2), nullable=False),
    Column("vip", Boolean, default=False),
)


def main() -> None:
    engine = create_engine(load_settings().database_url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(customers.delete())
        connection.execute(
            customers.insert(),
            [
                {"email": "ana@example.com", "country": "DE", "vip": False},
                {"email": "li@example.com", "country": "EU", "vip": True},
            ],
        )
    print("seeded 2 customers")


if __name__ == "__main__":
    main()
