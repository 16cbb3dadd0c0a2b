import { useEffect, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '@/components/form-alert';
import { PasswordField, TextField } from '@/components/form-field';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { useAuth } from '@/lib/auth';
import { authErrorMessage } from '@/lib/auth/auth-errors';
import { useForm } from '@/lib/forms/use-form';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useToast } from '@/lib/toast';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAuthRequest } from '../hooks/use-auth-request';
import { useNextPath, usePrefilledEmail } from '../hooks/use-next-path';
import { loginSchema } from '../schemas';
import { AuthCard, authLinkClasses } from './auth-card';

export function LoginForm() {
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const auth = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const { next, requested } = useNextPath();
  const form = useForm(loginSchema, { email: usePrefilledEmail(), password: '' });
  const { submitting, error, clearError, run } = useAuthRequest();
  useDocumentTitle(m.auth.login.title, shopName);

  const { status } = auth;

  // Signed in (now, in another tab, or already on arrival): go where they wanted.
  useEffect(() => {
    if (status === 'signedIn') void navigate(next, { replace: true });
  }, [status, next, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearError();
    const values = form.validate();
    if (!values) return;
    await run(async (client) => {
      const { error: signInError } = await client.auth.signInWithPassword(values);
      if (!signInError) notify(m.auth.login.welcome);
      return signInError;
    });
  }

  const notice = requested
    ? m.auth.login.returnNotice
    : auth.signedOutBy === 'session'
      ? m.auth.login.sessionEnded
      : null;

  return (
    <AuthCard
      title={m.auth.login.title}
      subtitle={m.auth.login.subtitle}
      footer={
        <p>
          {m.auth.login.noAccount}{' '}
          <Link to={paths.register.build(requested ? next : undefined)} className={authLinkClasses}>
            {m.auth.login.register}
          </Link>
        </p>
      }
    >
      {notice && (
        <FormAlert tone="info" className="mb-5">
          <p>{notice}</p>
        </FormAlert>
      )}
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={m.auth.login.title}>
        <FormAlert tone="error" testId="auth-error">
          {error ? <p>{authErrorMessage(error, m)}</p> : null}
        </FormAlert>
        <TextField
          {...form.field('email')}
          label={m.auth.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={m.auth.emailPlaceholder}
          required
        />
        <div className="space-y-2">
          <PasswordField
            {...form.field('password')}
            label={m.auth.password}
            autoComplete="current-password"
            required
          />
          <p className="text-right text-sm">
            <Link
              to={paths.forgotPassword.build()}
              state={{ email: form.values.email.trim() }}
              className={authLinkClasses}
            >
              {m.auth.login.forgot}
            </Link>
          </p>
        </div>
        <Button type="submit" size="lg" className="w-full" loading={submitting}>
          {m.auth.login.submit}
        </Button>
      </form>
    </AuthCard>
  );
}
