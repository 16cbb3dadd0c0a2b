import { isLanguage, type Language } from './types';

const STORAGE_KEY = 'rp.lang';
export const DEFAULT_LANGUAGE: Language = 'id';

/** The language chosen earlier on this device, or Bahasa Indonesia. */
export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back quietly.
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable; the switch still works for this visit.
  }
}
