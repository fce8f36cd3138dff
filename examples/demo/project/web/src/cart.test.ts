import { describe, expect, it } from 'vitest';
import { Cart } from './cart';

describe('Cart', () => {
  it('merges lines with the same sku', () => {
    const cart = new Cart();
    cart.add({ sku: 'SKU-10001', quantity: 1, unitPrice: 19.9 });
    cart.add({ sku: 'SKU-10001', quantity: 2, unitPrice: 19.9 });
    expect(cart.subtotal).toBe(59.7);
  });

  it('reports an error when quantity is negative', () => {
    expect(() => new Cart().add({ sku: 'SKU-10002', quantity: -1, unitPrice: 5 })).toThrow('quantity must be positive');
  });
});
