export interface Quote {
  subtotal: string;
  discount_pct: string;
  total: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function requestQuote(body: unknown, baseUrl = '/api'): Promise<Quote> {
  const response = await fetch(`${baseUrl}/orders/quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => ({ detail: response.statusText }))) as { detail: string };
    throw new ApiError(response.status, error.detail);
  }
  return (await response.json()) as Quote;
}
