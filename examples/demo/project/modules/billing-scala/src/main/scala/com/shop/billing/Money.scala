package com.shop.billing

final case class Money(amount: BigDecimal, currency: String = "EUR"):
  def +(other: Money): Money =
    require(currency == other.currency, s"currency mismatch: $currency vs ${other.currency}")
    Money(amount + other.amount, currency)

  def *(quantity: Int): Money = Money(amount * quantity, currency)

object Money:
  val zero: Money = Money(BigDecimal(0))
