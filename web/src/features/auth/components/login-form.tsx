import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '@/components/form-alert';
import { EmailField, PasswordField } from '@/components/form-field';
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
import { useGoNextWhenSignedIn, useNextPath, usePrefilledEmail } from '../hooks/use-next-path';
import { loginSchema } from '../schemas';
import { AuthCard, authLinkClasses } from './auth-card';

export function LoginForm() {
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const auth = useAuth();
  const { notify } = useToast();
  const { next, requested } = useNextPath();
  useGoNextWhenSignedIn(next);
  const form = useForm(loginSchema, { email: usePrefilledEmail(), password: '' });
  const { submitting, error, clearError, run } = useAuthRequest();
  useDocumentTitle(m.auth.login.title, shopName);

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
        <EmailField {...form.field('email')} />
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
