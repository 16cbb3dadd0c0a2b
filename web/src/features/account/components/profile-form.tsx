import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/components/error-state';
import { FormAlert } from '@/components/form-alert';
import { TextField, WhatsappField } from '@/components/form-field';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api-client';
import { NAME_MAX } from '@/lib/forms/fields';
import { useForm } from '@/lib/forms/use-form';
import { useI18n } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import type { Account } from '../api/account-schema';
import { useUpdateAccount } from '../api/update-account';
import { profilePatch, profileSchema } from '../profile-schema';

/** The server's field names → the form's. */
const FIELD_OF_SERVER = { display_name: 'name', whatsapp: 'whatsapp' } as const;

export function ProfileForm({
  account,
  onDone,
}: {
  account: Account;
  /** Called with true after a save, false on cancel. */
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const m = useAccountMessages();
  const update = useUpdateAccount();
  const form = useForm(profileSchema, {
    name: account.display_name ?? '',
    whatsapp: account.whatsapp ?? '',
  });
  const [notice, setNotice] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    update.reset();
    const values = form.validate();
    if (!values) return;
    const patch = profilePatch(account, values);
    if (Object.keys(patch).length === 0) {
      setNotice(m.account.unchanged);
      return;
    }
    update.mutate(patch, {
      onSuccess: () => onDone(true),
      onError: (error) => {
        if (!isApiError(error)) return;
        const fields: Partial<Record<'name' | 'whatsapp', string>> = {};
        for (const [serverName, message] of Object.entries(error.fields)) {
          const name = FIELD_OF_SERVER[serverName as keyof typeof FIELD_OF_SERVER];
          if (name) fields[name] = message;
        }
        if (Object.keys(fields).length > 0) form.setServerErrors(fields);
      },
    });
  }

  const failure = update.error;
  const failureText =
    failure && !(isApiError(failure) && Object.keys(failure.fields).length > 0)
      ? isApiError(failure) && failure.status === 401
        ? m.account.sessionInvalid
        : errorMessage(failure, t)
      : null;

  return (
    <form noValidate onSubmit={submit} className="space-y-5" aria-label={m.account.edit}>
      <FormAlert tone="error" testId="profile-error">
        {failureText ? <p>{failureText}</p> : null}
      </FormAlert>
      <FormAlert tone="info">{notice ? <p>{notice}</p> : null}</FormAlert>
      <TextField
        {...form.field('name')}
        label={m.account.name}
        autoComplete="name"
        // The form replaces the "Ubah profil" button the visitor just pressed.
        autoFocus
        maxLength={NAME_MAX + 20}
        required
      />
      <WhatsappField {...form.field('whatsapp')} label={m.account.whatsapp} />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="ghost" onClick={() => onDone(false)} disabled={update.isPending}>
          {m.account.cancel}
        </Button>
        <Button type="submit" loading={update.isPending}>
          {m.account.save}
        </Button>
      </div>
    </form>
  );
}
