import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '@/components/form-alert';
import { EmailField } from '@/components/form-field';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { authErrorMessage } from '@/lib/auth/auth-errors';
import { useForm } from '@/lib/forms/use-form';
import { interpolate } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAuthRequest } from '../hooks/use-auth-request';
import { usePrefilledEmail } from '../hooks/use-next-path';
import { forgotPasswordSchema } from '../schemas';
import { AuthCard, authLinkClasses } from './auth-card';

export function ForgotPasswordForm() {
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const form = useForm(forgotPasswordSchema, { email: usePrefilledEmail() });
  const { submitting, error, run } = useAuthRequest();
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Counts the sends, so that "Kirim ulang" announces its confirmation again.
  const [sends, setSends] = useState(0);
  useDocumentTitle(m.auth.forgot.title, shopName);

  async function send(email: string) {
    await run(async (client) => {
      const { error: recoverError } = await client.auth.resetPasswordForEmail(email, {
        redirectTo: `${window.location.origin}${paths.resetPassword.build()}`,
      });
      if (recoverError) return recoverError;
      setSentTo(email);
      setSends((count) => count + 1);
      return null;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.validate();
    if (values) void send(values.email);
  }

  const errorAlert = (
    <FormAlert tone="error" testId="auth-error">
      {error ? <p>{authErrorMessage(error, m)}</p> : null}
    </FormAlert>
  );

  if (sentTo) {
    return (
      <AuthCard title={m.auth.forgot.sentTitle} icon="mail">
        <div className="space-y-5">
          <FormAlert tone="success" focus testId="reset-link-sent">
            <p key={sends}>{interpolate(m.auth.forgot.sentBody, { email: sentTo })}</p>
          </FormAlert>
          {errorAlert}
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <Button variant="secondary" loading={submitting} onClick={() => void send(sentTo)}>
              {m.auth.forgot.sendAgain}
            </Button>
            <Link to={paths.login.build()} state={{ email: sentTo }} className={authLinkClasses}>
              {m.auth.forgot.backToLogin}
            </Link>
          </div>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={m.auth.forgot.title}
      subtitle={m.auth.forgot.subtitle}
      icon="mail"
      footer={
        <Link to={paths.login.build()} className={authLinkClasses}>
          {m.auth.forgot.backToLogin}
        </Link>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={m.auth.forgot.title}>
        {errorAlert}
        <EmailField {...form.field('email')} />
        <Button type="submit" size="lg" className="w-full" loading={submitting}>
          {m.auth.forgot.submit}
        </Button>
      </form>
    </AuthCard>
  );
}
