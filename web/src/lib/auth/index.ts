export { useAuth, type AuthValue, type AuthStatus, type AuthUrlError } from './auth-context';
export { AuthProvider } from './auth-provider';
export { RequireAuth } from './require-auth';
export { safeNextPath, DEFAULT_AFTER_LOGIN } from './safe-next';
export { displayNameOf } from './display-name';
