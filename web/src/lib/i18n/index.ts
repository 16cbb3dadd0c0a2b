export { useI18n, type I18nValue } from './i18n-context';
export { I18nProvider } from './i18n-provider';
export { interpolate } from './interpolate';
export { languages, isLanguage, type Language, type Messages, type AccountMessages, type CheckoutMessages, type FormMessages, type OrderMessages } from './types';
export { readStoredLanguage } from './language';
