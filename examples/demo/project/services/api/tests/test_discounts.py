from decimal import Decimal

from shop.models import Customer, Order, OrderLine
from shop.pricing import apply_discount


def test_vip_gets_at_least_five_percent():
    order = Order(id=2, customer=Customer(id=8, email="vip@example.com", vip=True))
    order.add(OrderLine("SKU-99999", 1, Decimal("10.00")))
    assert apply_discount(order).discount_pct == Decimal("5")


def test_bulk_rule_applies():
    order = Order(id=3, customer=Customer(id=9, email="bulk@example.com", country="EU"))
    order.add(OrderLine("SKU-10003", 50, Decimal("2.00")))
    assert apply_discount(order).discount_pct > Decimal("0")
