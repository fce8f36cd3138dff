import { formatPrice } from './format/price';

export interface CartItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export class Cart {
  private readonly items = new Map<string, CartItem>();

  add(item: CartItem): void {
    if (item.quantity <= 0) throw new Error(`quantity must be positive, got ${item.quantity}`);
    const existing = this.items.get(item.sku);
    this.items.set(item.sku, existing ? { ...existing, quantity: existing.quantity + item.quantity } : item);
  }

  get subtotal(): number {
    let sum = 0;
    for (const item of this.items.values()) sum += item.quantity * item.unitPrice;
    return Math.round(sum * 100) / 100;
  }

  label(): string {
    return `${this.items.size} items · ${formatPrice(this.subtotal)}`;
  }

  toQuoteRequest(customerId: number, email: string) {
    return {
      customer_id: customerId,
      email,
      items: [...this.items.values()].map((i) => ({ sku: i.sku, quantity: i.quantity, unit_price: i.unitPrice.toFixed(2) })),
    };
  }
}
