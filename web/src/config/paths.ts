// Every route of the site, in one place. Components build links from here,
// never from string literals.

export type ProductSearch = {
  q?: string;
  category?: string;
  type?: 'STOCK' | 'INVITE';
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export const paths = {
  home: { pattern: '/', build: () => '/' },
  products: {
    pattern: '/products',
    build: (search: ProductSearch = {}) => withQuery('/products', search),
  },
  product: {
    pattern: '/products/:slug',
    build: (slug: string) => `/products/${encodeURIComponent(slug)}`,
  },
  faq: { pattern: '/faq', build: () => '/faq' },
  terms: { pattern: '/terms', build: () => '/terms' },
  privacy: { pattern: '/privacy', build: () => '/privacy' },
  support: { pattern: '/support', build: () => '/support' },
  login: {
    pattern: '/login',
    /** `next`: a same-site path to return to after signing in. */
    build: (next?: string) => withQuery('/login', { next }),
  },
  register: {
    pattern: '/register',
    build: (next?: string) => withQuery('/register', { next }),
  },
  forgotPassword: { pattern: '/forgot-password', build: () => '/forgot-password' },
  resetPassword: { pattern: '/reset-password', build: () => '/reset-password' },
  account: { pattern: '/account', build: () => '/account' },
  accountOrders: {
    pattern: '/account/orders',
    build: (page?: number) =>
      withQuery('/account/orders', { page: page && page > 1 ? String(page) : undefined }),
  },
  accountOrder: {
    pattern: '/account/orders/:orderId',
    build: (orderId: string) => `/account/orders/${encodeURIComponent(orderId)}`,
  },
  checkout: {
    pattern: '/checkout/:productId',
    build: (productId: string) => `/checkout/${encodeURIComponent(productId)}`,
  },
  /** The QRIS invoice of an order; opens with the order's tracking token kept on this device. */
  invoice: {
    pattern: '/invoice/:orderId',
    build: (orderId: string) => `/invoice/${encodeURIComponent(orderId)}`,
  },
  /** Order status without signing in: the token is the key, so the link is private to the buyer. */
  track: {
    pattern: '/track/:token',
    build: (token: string) => `/track/${encodeURIComponent(token)}`,
  },
  admin: { pattern: '/admin', build: () => '/admin' },
  reseller: { pattern: '/reseller', build: () => '/reseller' },
} as const;

/** The id of the main landmark, target of the skip link. */
export const MAIN_CONTENT_ID = 'main-content';
