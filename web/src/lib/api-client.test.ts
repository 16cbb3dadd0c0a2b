import * as z from 'zod/mini';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiPatch, apiPost, buildApiUrl, configureApi, shouldRetry } from './api-client';

const itemSchema = z.object({ name: z.string() });

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    configureApi({ baseUrl: '/api/' });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('builds URLs under the configured base and drops empty params', () => {
    expect(buildApiUrl('/products', { q: 'canva', category: '', page: 2, featured: true })).toBe(
      '/api/products?q=canva&page=2&featured=true',
    );
    configureApi({ baseUrl: 'https://api.example.com/v1' });
    expect(buildApiUrl('/categories')).toBe('https://api.example.com/v1/categories');
  });

  it('sends Accept-Language and returns the parsed body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { name: 'Canva Pro', extra: 1 }));
    const result = await apiGet('/products/canva', itemSchema, { lang: 'en' });
    expect(result).toEqual({ name: 'Canva Pro' });
    const [, init] = fetchMock.mock.calls[0] ?? [];
    expect(new Headers(init?.headers).get('Accept-Language')).toBe('en');
  });

  it('sends the access token and a JSON body with PATCH', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { name: 'Budi' }));
    const result = await apiPatch('/account', { display_name: 'Budi' }, itemSchema, {
      lang: 'id',
      accessToken: 'token-123',
    });
    expect(result).toEqual({ name: 'Budi' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/account');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"display_name":"Budi"}');
    const headers = new Headers(init?.headers);
    expect(headers.get('Authorization')).toBe('Bearer token-123');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Accept-Language')).toBe('id');
  });

  it('sends a JSON body with POST and the tracking token as a header', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { name: 'RP-1' }));
    const result = await apiPost('/orders', { quantity: 1 }, itemSchema, {
      lang: 'id',
      trackingToken: 'tok_abc',
      idempotencyKey: 'key-0001-abcd',
    });
    expect(result).toEqual({ name: 'RP-1' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/orders');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"quantity":1}');
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Tracking-Token')).toBe('tok_abc');
    expect(headers.get('Idempotency-Key')).toBe('key-0001-abcd');
    expect(headers.has('Authorization')).toBe(false);
  });

  it('sends no Authorization header without a token', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { name: 'x' }));
    await apiGet('/products', itemSchema, { lang: 'id', accessToken: null });
    const [, init] = fetchMock.mock.calls[0] ?? [];
    expect(new Headers(init?.headers).has('Authorization')).toBe(false);
  });

  it('parses the error envelope into a typed ApiError', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: {
          code: 'invalid_query',
          message: 'Urutan tidak dikenal',
          fields: { sort: 'harus salah satu dari featured, newest' },
        },
      }),
    );
    const error = await apiGet('/products', itemSchema, { lang: 'id' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('invalid_query');
    expect(apiError.message).toBe('Urutan tidak dikenal');
    expect(apiError.fields).toEqual({ sort: 'harus salah satu dari featured, newest' });
    expect(apiError.fromServer).toBe(true);
    expect(shouldRetry(0, apiError)).toBe(false);
  });

  it('recognises a 404 envelope as not found', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(404, { error: { code: 'not_found', message: 'Produk tidak ditemukan' } }),
    );
    const error = (await apiGet('/products/x', itemSchema, { lang: 'id' }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.isNotFound).toBe(true);
    expect(error.fields).toEqual({});
  });

  it('handles a non-JSON error body', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = (await apiGet('/products', itemSchema, { lang: 'id' }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('http_error');
    expect(error.fromServer).toBe(false);
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(false);
  });

  it('reports network failures with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = (await apiGet('/products', itemSchema, { lang: 'id' }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('rejects a 2xx body that does not match the schema', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { name: 42 }));
    const error = (await apiGet('/products', itemSchema, { lang: 'id' }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.code).toBe('invalid_response');
  });
});
