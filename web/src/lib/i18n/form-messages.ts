// The shared form fields' texts (labels, hints, validation messages). Imported by
// components/form-field.tsx, so they travel with the pages that have a form.
import { useI18n } from './i18n-context';
import { formsEn } from './messages/forms/en';
import { formsId } from './messages/forms/id';
import type { FormMessages, Language } from './types';

export const formMessages: Record<Language, FormMessages> = { id: formsId, en: formsEn };

export function useFormMessages(): FormMessages {
  return formMessages[useI18n().lang];
}
