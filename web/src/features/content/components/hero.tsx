import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { formatRupiah } from '@/lib/format';
import { useI18n } from '@/lib/i18n';

export const HOW_IT_WORKS_ID = 'cara-kerja';

export function Hero() {
  const { t } = useI18n();
  return (
    <section
      className="grid items-center gap-10 pt-6 pb-2 sm:pt-14 lg:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)] lg:gap-14"
      aria-labelledby="hero-title"
    >
      <div>
        <p className="inline-flex items-center gap-2 rounded-full border border-gold/30 bg-gold/10 px-3 py-1 text-xs font-semibold tracking-wide text-gold">
          <Icon name="bolt" className="h-3.5 w-3.5" />
          {t.home.eyebrow}
        </p>
        <h1
          id="hero-title"
          className="mt-5 text-4xl leading-[1.08] font-extrabold tracking-tight text-fg sm:text-5xl lg:text-6xl"
        >
          {t.home.heroTitle} <span className="text-brand">{t.home.heroTitleAccent}</span>
        </h1>
        <p className="mt-5 max-w-2xl text-base text-fg-muted sm:text-lg">{t.home.heroBody}</p>
        <div className="mt-8 flex flex-col gap-3 min-[420px]:flex-row">
          <Link to={paths.products.build()} className={buttonClasses({ size: 'lg' })}>
            {t.home.heroCta}
            <span aria-hidden="true">→</span>
          </Link>
          <a
            href={`#${HOW_IT_WORKS_ID}`}
            className={buttonClasses({ variant: 'secondary', size: 'lg' })}
          >
            {t.home.heroSecondary}
          </a>
        </div>
      </div>
      <OrderPreview />
    </section>
  );
}

/** An illustration of an automatic order, only on wide screens (decorative). */
function OrderPreview() {
  const { t } = useI18n();
  const card = t.home.heroCard;
  const steps = [
    { label: card.created, time: '00:00' },
    { label: card.paid, time: '00:41' },
    { label: card.delivered, time: '00:44' },
  ];
  return (
    <div aria-hidden="true" className="relative hidden lg:block">
      <div className="absolute -inset-6 rounded-[2rem] bg-purple/20 blur-3xl" />
      <div className="glass relative rounded-card p-6">
        <div className="flex items-center justify-between text-xs">
          <span className="font-medium text-fg-subtle">{card.label}</span>
          <span className="rounded-full border border-success/40 bg-success/10 px-2.5 py-0.5 font-semibold text-success">
            {card.status}
          </span>
        </div>
        <div className="mt-5 flex items-center gap-3">
          <span className="flex h-11 w-11 items-center justify-center rounded-control bg-cta text-on-accent">
            <Icon name="qr" />
          </span>
          <div>
            <p className="font-semibold text-fg">{card.product}</p>
            <p className="text-sm text-gold">{formatRupiah(54000)}</p>
          </div>
        </div>
        <ol className="mt-6 space-y-4 border-l border-line pl-5">
          {steps.map((step) => (
            <li key={step.label} className="relative flex items-center justify-between text-sm">
              <span className="absolute top-1/2 -left-[1.85rem] flex h-5 w-5 -translate-y-1/2 items-center justify-center rounded-full bg-gold text-on-accent">
                <Icon name="check" className="h-3 w-3" strokeWidth={3} />
              </span>
              <span className="text-fg">{step.label}</span>
              <span className="text-xs text-fg-subtle tabular-nums">{step.time}</span>
            </li>
          ))}
        </ol>
        <p className="mt-6 border-t border-line pt-4 text-xs text-fg-muted">{card.footnote}</p>
      </div>
    </div>
  );
}
