import { interpolate, languages, useI18n, type Language } from '@/lib/i18n';
import { cn } from '@/lib/cn';

const names: Record<Language, string> = { id: 'Bahasa Indonesia', en: 'English' };

/** ID / EN toggle; the choice is saved on this device and sets <html lang>. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t.nav.language}
      className={cn('inline-flex rounded-full border border-line bg-surface p-0.5', className)}
    >
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={lang === option}
          aria-label={interpolate(t.nav.switchTo, { language: names[option] })}
          data-testid={`lang-${option}`}
          onClick={() => setLang(option)}
          className={cn(
            'h-8 min-w-9 rounded-full px-2 text-xs font-bold tracking-wide uppercase transition sm:min-w-10 sm:px-2.5',
            lang === option ? 'bg-gold text-on-accent' : 'text-fg-muted hover:text-fg',
          )}
        >
          {option}
        </button>
      ))}
    </div>
  );
}
