import { useRuntimeConfig } from '@/config/runtime-config';
import { interpolate, useI18n } from '@/lib/i18n';
import { enContent } from '../content/en';
import { idContent } from '../content/id';
import type { StaticContent } from '../content/types';

const contents: Record<'id' | 'en', StaticContent> = { id: idContent, en: enContent };

/** The static pages' content in the current language, with a filler for placeholders. */
export function useStaticContent() {
  const { lang } = useI18n();
  const config = useRuntimeConfig();
  const fill = (text: string) =>
    interpolate(text, {
      shop: config.shopName,
      email: config.supportEmail,
      whatsapp: config.supportWhatsapp,
    });
  return { content: contents[lang], fill, lang };
}
