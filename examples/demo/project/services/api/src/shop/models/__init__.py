from .customer import Customer
from .order import Order, OrderLine

__all__ = ["Customer", "Order", "OrderLine"]
