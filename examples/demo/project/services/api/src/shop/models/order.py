from dataclasses import dataclass, field
from decimal import Decimal

from .customer import Customer


@dataclass
class OrderLine:
    sku: str
    quantity: int
    unit_price: Decimal

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"quantity must be positive, got {self.quantity}")

    @property
    def subtotal(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Order:
    id: int
    customer: Customer
    lines: list[OrderLine] = field(default_factory=list)
    discount_pct: Decimal = Decimal("0")

    def add(self, line: OrderLine) -> None:
        self.lines.append(line)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.subtotal for line in self.lines), Decimal("0"))

    @property
    def total(self) -> Decimal:
        discount = (self.subtotal * self.discount_pct / Decimal("100")).quantize(Decimal("0.01"))
        return self.subtotal - discount
