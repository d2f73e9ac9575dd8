import { analytics } from './analytics';

export type Channel = 'web' | 'app' | 'store';

export interface Cart {
  id: string;
  channel: Channel;
  lines: { sku: string; quantity: number; unitPrice: number }[];
  coupon?: string;
}

/** Records the order for product analytics once the payment went through. */
export function placeOrder(cart: Cart, orderId: string): void {
  const total = cart.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  analytics.track('Order Placed', {
    orderId,
    total,
    currency: 'EUR',
    channel: cart.channel,
    coupon: cart.coupon,
    items: cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
  });
}
