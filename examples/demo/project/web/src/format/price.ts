export function formatPrice(amount: string | number, currency = 'EUR'): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(value);
}
