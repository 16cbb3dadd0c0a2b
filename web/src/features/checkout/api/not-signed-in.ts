import { ApiError } from '@/lib/api-client';

/** A request that needs the account's token, made without a session. */
export function notSignedIn(): ApiError {
  return new ApiError({ status: 401, code: 'unauthorized', message: 'Not signed in', fromServer: false });
}
