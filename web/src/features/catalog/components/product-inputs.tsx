import { Icon } from '@/components/ui/icon';
import { useI18n, type Language } from '@/lib/i18n';
import type { InputField } from '../api/get-product';

function fieldLabel(field: InputField, lang: Language): string {
  return field.label[lang] ?? field.label.id ?? field.label.en ?? field.key;
}

/** What the buyer will be asked for at checkout (INVITE products). */
export function ProductInputs({ fields }: { fields: InputField[] }) {
  const { t, lang } = useI18n();
  if (fields.length === 0) return null;
  return (
    <section aria-labelledby="inputs-title" className="glass rounded-card p-4 sm:p-5" data-testid="product-inputs">
      <h2 id="inputs-title" className="text-base font-semibold text-fg">
        {t.product.inputsTitle}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{t.product.inputsBody}</p>
      <ul className="mt-3 space-y-2">
        {fields.map((field) => (
          <li key={field.key} className="flex items-center justify-between gap-3 text-sm">
            <span className="flex items-center gap-2 text-fg">
              <Icon
                name={field.type === 'email' ? 'mail' : field.type === 'tel' ? 'phone' : 'pencil'}
                className="h-4.5 w-4.5 text-purple-soft"
              />
              {fieldLabel(field, lang)}
            </span>
            <span className="text-xs text-fg-subtle">
              {field.required ? t.product.required : t.product.optional}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
