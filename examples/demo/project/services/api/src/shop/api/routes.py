from decimal import Decimal

from fastapi import APIRouter, HTTPException

from ..models import Customer, Order, OrderLine
from ..pricing import apply_discount

router = APIRouter()


@router.post("/orders/quote")
def quote(payload: dict) -> dict:
    customer = Customer(id=payload["customer_id"], email=payload["email"], country=payload.get("country", "DE"))
    order = Order(id=0, customer=customer)
    try:
        for item in payload["items"]:
            order.add(OrderLine(item["sku"], int(item["quantity"]), Decimal(item["unit_price"])))
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from error
    apply_discount(order)
    return {"subtotal": str(order.subtotal), "discount_pct": str(order.discount_pct), "total": str(order.total)}
