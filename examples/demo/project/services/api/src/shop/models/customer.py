from dataclasses import dataclass


@dataclass
class Customer:
    id: int
    email: str
    country: str = "DE"
    vip: bool = False
