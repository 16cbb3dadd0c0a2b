import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '@/components/form-alert';
import { PasswordField } from '@/components/form-field';
import { PageLoading } from '@/components/page-loading';
import { Button, buttonClasses } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { useAuth, type AuthUrlError } from '@/lib/auth';
import { authErrorMessage, describeAuthError } from '@/lib/auth/auth-errors';
import { useForm } from '@/lib/forms/use-form';
import { interpolate } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useToast } from '@/lib/toast';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAuthRequest } from '../hooks/use-auth-request';
import { resetPasswordSchema } from '../schemas';
import { AuthCard, authLinkClasses } from './auth-card';

/**
 * The page the recovery email links to. supabase-js reads the session from the
 * URL fragment (PASSWORD_RECOVERY); the visitor then chooses a new password.
 * An expired or used link (#error_code=otp_expired) says so and offers a new one.
 */
export function ResetPasswordForm() {
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const auth = useAuth();
  // Keep the link's error for this visit even after the provider forgets it.
  const [linkError] = useState<AuthUrlError | null>(() => auth.urlError);
  useDocumentTitle(m.auth.reset.title, shopName);

  const { getClient, urlError, clearUrlError } = auth;
  useEffect(() => {
    getClient().catch(() => undefined);
  }, [getClient]);

  const error = linkError ?? urlError;
  if (error) return <InvalidLink error={error} onLeave={clearUrlError} />;
  if (auth.status === 'loading') return <PageLoading />;
  if (auth.status === 'signedOut') return <InvalidLink error={null} onLeave={clearUrlError} />;
  return <NewPasswordForm email={auth.user?.email ?? ''} />;
}

function InvalidLink({ error, onLeave }: { error: AuthUrlError | null; onLeave: () => void }) {
  const m = useAccountMessages();
  // The redirect error has the same shape supabase-js gives it (details.code).
  const urlError = error ? { name: 'AuthImplicitGrantRedirectError', details: error } : null;
  const code = urlError ? describeAuthError(urlError).code : null;
  const body =
    code === null
      ? m.auth.reset.missingBody
      : code === 'otp_expired' || code === 'unknown'
        ? m.auth.reset.expiredBody
        : authErrorMessage(urlError, m);
  return (
    <AuthCard title={m.auth.reset.invalidTitle} icon="alert">
      <FormAlert tone="error" testId="reset-link-invalid">
        <p>{body}</p>
      </FormAlert>
      <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Link
          to={paths.forgotPassword.build()}
          onClick={onLeave}
          className={buttonClasses({ variant: 'primary' })}
        >
          {m.auth.reset.requestNew}
        </Link>
        <Link to={paths.login.build()} onClick={onLeave} className={authLinkClasses}>
          {m.auth.forgot.backToLogin}
        </Link>
      </div>
    </AuthCard>
  );
}

const FIELD_CODES = new Set(['weak_password', 'same_password']);

function NewPasswordForm({ email }: { email: string }) {
  const m = useAccountMessages();
  const navigate = useNavigate();
  const { notify } = useToast();
  const form = useForm(resetPasswordSchema, { password: '', confirmPassword: '' });
  const { submitting, error, clearError, run } = useAuthRequest();

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearError();
    const values = form.validate();
    if (!values) return;
    await run(async (client) => {
      const { error: updateError } = await client.auth.updateUser({ password: values.password });
      if (updateError) {
        if (!FIELD_CODES.has(describeAuthError(updateError).code)) return updateError;
        form.setServerErrors({ password: authErrorMessage(updateError, m) });
        return null;
      }
      notify(m.auth.reset.done);
      void navigate(paths.account.build(), { replace: true });
      return null;
    });
  }

  return (
    <AuthCard
      title={m.auth.reset.title}
      subtitle={email ? interpolate(m.auth.reset.subtitle, { email }) : undefined}
    >
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={m.auth.reset.title}>
        <FormAlert tone="error" testId="auth-error">
          {error ? <p>{authErrorMessage(error, m)}</p> : null}
        </FormAlert>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordField
          {...form.field('password')}
          label={m.auth.reset.password}
          autoComplete="new-password"
          hint={m.auth.register.passwordHint}
          required
        />
        <PasswordField
          {...form.field('confirmPassword')}
          label={m.auth.reset.confirm}
          autoComplete="new-password"
          required
        />
        <Button type="submit" size="lg" className="w-full" loading={submitting}>
          {m.auth.reset.submit}
        </Button>
      </form>
    </AuthCard>
  );
}
