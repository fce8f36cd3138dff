package com.shop.billing

final case class InvoiceLine(sku: String, quantity: Int, unitPrice: Money):
  require(quantity > 0, s"quantity must be positive, got $quantity")
  def total: Money = unitPrice * quantity
