// The one HTTP client for the shop API. Every non-2xx answer carries the error
// envelope {"error": {"code", "message", "fields"?}}, which becomes an ApiError;
// every 2xx body is checked against the endpoint's zod schema.
import * as z from 'zod/mini';
import type { Language } from './i18n/types';

const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});

/** Codes made on the client, when no server envelope could be read. */
export const clientErrorCodes = {
  network: 'network',
  invalidResponse: 'invalid_response',
  httpError: 'http_error',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  /** Stable machine-readable code, e.g. "not_found", "invalid_query", "network". */
  readonly code: string;
  /** Per-field messages for invalid input, keyed by field name. */
  readonly fields: Readonly<Record<string, string>>;
  /** True when `message` is the server's (already localised) message. */
  readonly fromServer: boolean;

  constructor(args: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string> | undefined;
    fromServer: boolean;
  }) {
    super(args.message);
    this.status = args.status;
    this.code = args.code;
    this.fields = args.fields ?? {};
    this.fromServer = args.fromServer;
  }

  get isNotFound(): boolean {
    return this.status === 404 || this.code === 'not_found';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let baseUrl = '/api';

/** Called once at startup with the runtime config's apiUrl. */
export function configureApi(options: { baseUrl: string }): void {
  baseUrl = options.baseUrl.replace(/\/+$/, '');
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export function buildApiUrl(path: string, params?: QueryParams): string {
  const url = new URL(`${baseUrl}${path}`, window.location.origin);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(key, String(value));
  }
  // Same-origin APIs keep relative URLs (shorter logs, no origin assumptions).
  return url.origin === window.location.origin ? `${url.pathname}${url.search}` : url.toString();
}

/** Turns a non-2xx response into an ApiError, reading the envelope when present. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): handled below.
  }
  const parsed = z.safeParse(errorEnvelopeSchema, body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError({ status: response.status, code, message, fields, fromServer: true });
  }
  return new ApiError({
    status: response.status,
    code: response.status === 404 ? 'not_found' : clientErrorCodes.httpError,
    message: `HTTP ${response.status}`,
    fromServer: false,
  });
}

export interface RequestOptions {
  lang: Language;
  params?: QueryParams;
  signal?: AbortSignal;
  /** A Supabase access token, sent as `Authorization: Bearer …`. */
  accessToken?: string | null;
  /**
   * An order's tracking token, sent as `X-Tracking-Token` (never in the URL, so it
   * stays out of access logs).
   */
  trackingToken?: string | null;
  /**
   * Sent as `Idempotency-Key`: the same key on a retry makes the server answer with what
   * the first request created instead of doing it again.
   */
  idempotencyKey?: string;
}

export async function apiGet<T>(
  path: string,
  schema: z.ZodMiniType<T>,
  options: RequestOptions,
): Promise<T> {
  return apiRequest('GET', path, schema, options);
}

/** Sends `body` as JSON with POST. */
export async function apiPost<T>(
  path: string,
  body: unknown,
  schema: z.ZodMiniType<T>,
  options: RequestOptions,
): Promise<T> {
  return apiRequest('POST', path, schema, { ...options, body });
}

/** Sends `body` as JSON with PATCH. */
export async function apiPatch<T>(
  path: string,
  body: unknown,
  schema: z.ZodMiniType<T>,
  options: RequestOptions,
): Promise<T> {
  return apiRequest('PATCH', path, schema, { ...options, body });
}

async function apiRequest<T>(
  method: 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: z.ZodMiniType<T>,
  { lang, params, signal, accessToken, trackingToken, idempotencyKey, body }: RequestOptions & { body?: unknown },
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (trackingToken) headers['X-Tracking-Token'] = trackingToken;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildApiUrl(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({
      status: 0,
      code: clientErrorCodes.network,
      message: 'Network request failed',
      fromServer: false,
    });
  }

  if (!response.ok) throw await toApiError(response);

  let parsedBody: unknown;
  try {
    parsedBody = await response.json();
  } catch {
    throw invalidResponse(response.status);
  }
  const parsed = z.safeParse(schema, parsedBody);
  if (!parsed.success) {
    if (import.meta.env.DEV) console.warn('Unexpected API response', path, parsed.error);
    throw invalidResponse(response.status);
  }
  return parsed.data;
}

function invalidResponse(status: number): ApiError {
  return new ApiError({
    status,
    code: clientErrorCodes.invalidResponse,
    message: 'Invalid response',
    fromServer: false,
  });
}

/** TanStack Query retry policy: client errors (4xx) are final; retry others once. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}
