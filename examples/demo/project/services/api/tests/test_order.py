from decimal import Decimal

import pytest

from shop.models import Customer, Order, OrderLine


def make_order() -> Order:
    order = Order(id=1, customer=Customer(id=7, email="ana@example.com"))
    order.add(OrderLine("SKU-10001", 2, Decimal("19.90")))
    order.add(OrderLine("SKU-10002", 1, Decimal("5.00")))
    return order


def test_subtotal_sums_lines():
    assert make_order().subtotal == Decimal("44.80")


def test_total_applies_discount():
    order = make_order()
    order.discount_pct = Decimal("10")
    assert order.total == Decimal("40.32")


def test_negative_quantity_is_an_error():
    with pytest.raises(ValueError):
        OrderLine("SKU-10001", -1, Decimal("1.00"))
