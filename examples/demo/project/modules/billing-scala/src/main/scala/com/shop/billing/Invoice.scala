package com.shop.billing

import java.time.LocalDate

final case class Invoice(
    number: String,
    customerEmail: String,
    issuedOn: LocalDate,
    lines: List[InvoiceLine]
):
  def total: Money = lines.foldLeft(Money.zero)((sum, line) => sum + line.total)

  def withLine(line: InvoiceLine): Invoice = copy(lines = lines :+ line)

object Invoice:
  def numbered(sequence: Int, issuedOn: LocalDate): String =
    f"INV-${issuedOn.getYear}%d-$sequence%05d"
