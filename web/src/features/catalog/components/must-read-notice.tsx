import { Icon } from '@/components/ui/icon';
import { useI18n } from '@/lib/i18n';
import { RichText } from '@/components/rich-text';

export function MustReadNotice({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <section
      aria-labelledby="must-read-title"
      data-testid="must-read"
      className="rounded-card border border-gold/50 bg-gold/10 p-4 sm:p-5"
    >
      <h2 id="must-read-title" className="flex items-center gap-2 text-base font-bold text-gold">
        <Icon name="alert" />
        {t.product.mustReadTitle}
      </h2>
      <RichText text={text} tone="strong" className="mt-2" />
    </section>
  );
}
