import { Badge } from '@shop/ui';
import type { Cart } from '../cart';

export function CartSummary({ cart }: { cart: Cart }) {
  return (
    <div className="cart-summary">
      <Badge text={cart.label()} />
    </div>
  );
}
