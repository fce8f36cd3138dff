package com.shop.billing

import java.time.LocalDate

class InvoiceSpec extends munit.FunSuite:
  test("total adds every line") {
    val invoice = Invoice("INV-2026-00001", "ana@example.com", LocalDate.of(2026, 11, 12), Nil)
      .withLine(InvoiceLine("SKU-10001", 2, Money(BigDecimal("19.90"))))
      .withLine(InvoiceLine("SKU-10002", 1, Money(BigDecimal("5.00"))))
    assertEquals(invoice.total, Money(BigDecimal("44.80")))
  }

  test("invoice numbers are zero padded") {
    assertEquals(Invoice.numbered(7, LocalDate.of(2026, 11, 12)), "INV-2026-00007")
  }
