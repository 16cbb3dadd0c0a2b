import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '@/components/form-alert';
import { EmailField, PasswordField, TextField, WhatsappField } from '@/components/form-field';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { authErrorMessage, describeAuthError } from '@/lib/auth/auth-errors';
import { NAME_MAX } from '@/lib/forms/fields';
import { useForm } from '@/lib/forms/use-form';
import { interpolate, useI18n } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useToast } from '@/lib/toast';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAuthRequest } from '../hooks/use-auth-request';
import { useGoNextWhenSignedIn, useNextPath } from '../hooks/use-next-path';
import { registerSchema } from '../schemas';
import { AuthCard, authLinkClasses } from './auth-card';

/** Errors that belong to one field; the rest go to the form's alert. */
const FIELD_OF_CODE = {
  weak_password: 'password',
  same_password: 'password',
  email_address_invalid: 'email',
  email_exists: 'email',
} as const;

export function RegisterForm() {
  const { t } = useI18n();
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const { notify } = useToast();
  const { next, requested } = useNextPath();
  useGoNextWhenSignedIn(next);
  const form = useForm(registerSchema, {
    name: '',
    email: '',
    whatsapp: '',
    password: '',
    confirmPassword: '',
  });
  const { submitting, error, clearError, run } = useAuthRequest();
  const [confirmationSentTo, setConfirmationSentTo] = useState<string | null>(null);
  useDocumentTitle(m.auth.register.title, shopName);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearError();
    const values = form.validate();
    if (!values) return;
    await run(async (client) => {
      const metadata: Record<string, string> = { display_name: values.name };
      if (values.whatsapp) metadata.whatsapp = values.whatsapp;
      const { data, error: signUpError } = await client.auth.signUp({
        email: values.email,
        password: values.password,
        options: {
          data: metadata,
          emailRedirectTo: `${window.location.origin}${paths.login.build()}`,
        },
      });
      if (signUpError) {
        const { code } = describeAuthError(signUpError);
        const field = code in FIELD_OF_CODE ? FIELD_OF_CODE[code as keyof typeof FIELD_OF_CODE] : null;
        if (!field) return signUpError;
        form.setServerErrors({ [field]: authErrorMessage(signUpError, m) });
        return null;
      }
      if (data.session) {
        notify(interpolate(m.auth.register.welcome, { name: values.name }));
        return null;
      }
      // Email confirmations on: no session yet. An address that already has an
      // account comes back as a user without identities (nothing was sent).
      if (data.user && data.user.identities?.length === 0) return { code: 'user_already_exists' };
      setConfirmationSentTo(values.email);
      return null;
    });
  }

  if (confirmationSentTo) {
    return (
      <AuthCard title={m.auth.register.checkEmailTitle} icon="mail">
        <FormAlert tone="success" focus testId="check-email">
          <p>{interpolate(m.auth.register.checkEmailBody, { email: confirmationSentTo })}</p>
        </FormAlert>
        <p className="mt-6 text-sm">
          <Link to={paths.login.build(requested ? next : undefined)} className={authLinkClasses}>
            {m.auth.forgot.backToLogin}
          </Link>
        </p>
      </AuthCard>
    );
  }

  const errorCode = error ? describeAuthError(error).code : null;

  return (
    <AuthCard
      title={m.auth.register.title}
      subtitle={m.auth.register.subtitle}
      icon="user"
      footer={
        <p>
          {m.auth.register.haveAccount}{' '}
          <Link to={paths.login.build(requested ? next : undefined)} className={authLinkClasses}>
            {m.auth.register.login}
          </Link>
        </p>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={m.auth.register.title}>
        <FormAlert tone="error" testId="auth-error">
          {error ? (
            <>
              <p>{authErrorMessage(error, m)}</p>
              {errorCode === 'user_already_exists' && (
                <p className="flex flex-wrap gap-x-4 gap-y-1">
                  <Link
                    to={paths.login.build(requested ? next : undefined)}
                    state={{ email: form.values.email.trim() }}
                    className={authLinkClasses}
                  >
                    {m.auth.register.login}
                  </Link>
                  <Link
                    to={paths.forgotPassword.build()}
                    state={{ email: form.values.email.trim() }}
                    className={authLinkClasses}
                  >
                    {m.auth.login.forgot}
                  </Link>
                </p>
              )}
            </>
          ) : null}
        </FormAlert>
        <TextField
          {...form.field('name')}
          label={m.auth.register.name}
          autoComplete="name"
          placeholder={m.auth.register.namePlaceholder}
          maxLength={NAME_MAX + 20}
          required
        />
        <EmailField {...form.field('email')} />
        <WhatsappField {...form.field('whatsapp')} label={m.auth.register.whatsapp} />
        <PasswordField
          {...form.field('password')}
          label={m.auth.password}
          autoComplete="new-password"
          hint={m.auth.register.passwordHint}
          required
        />
        <PasswordField
          {...form.field('confirmPassword')}
          label={m.auth.register.confirmPassword}
          autoComplete="new-password"
          required
        />
        <p className="text-xs text-fg-subtle">
          {m.auth.register.agreement}{' '}
          <Link to={paths.terms.build()} className={authLinkClasses}>
            {t.footer.terms}
          </Link>{' '}
          {m.auth.register.and}{' '}
          <Link to={paths.privacy.build()} className={authLinkClasses}>
            {t.footer.privacy}
          </Link>
          .
        </p>
        <Button type="submit" size="lg" className="w-full" loading={submitting}>
          {m.auth.register.submit}
        </Button>
      </form>
    </AuthCard>
  );
}
