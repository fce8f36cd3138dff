from decimal import Decimal

from ..models.order import Order
from .rules_table import lookup_rule


def apply_discount(order: Order) -> Order:
    """Sets the order's discount from the pricing rules table (best rule per line wins)."""
    best = Decimal("0")
    for line in order.lines:
        rule = lookup_rule(line.sku, order.customer.country, line.quantity)
        if rule is not None and rule.discount_pct > best:
            best = rule.discount_pct
    if order.customer.vip:
        best = max(best, Decimal("5"))
    order.discount_pct = best
    return order
