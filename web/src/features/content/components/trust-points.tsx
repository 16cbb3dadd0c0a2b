import { Icon } from '@/components/ui/icon';
import { useI18n } from '@/lib/i18n';

export function TrustPoints() {
  const { t } = useI18n();
  const points = [
    { icon: 'bolt' as const, title: t.home.trust.instantTitle, body: t.home.trust.instantBody },
    { icon: 'lock' as const, title: t.home.trust.qrisTitle, body: t.home.trust.qrisBody },
    { icon: 'shield' as const, title: t.home.trust.warrantyTitle, body: t.home.trust.warrantyBody },
    { icon: 'chat' as const, title: t.home.trust.supportTitle, body: t.home.trust.supportBody },
  ];
  return (
    <section aria-labelledby="trust-title">
      <h2 id="trust-title" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
        {t.home.trustTitle}
      </h2>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {points.map((point) => (
          <li key={point.title} className="glass rounded-card p-5">
            <span className="flex h-10 w-10 items-center justify-center rounded-control border border-gold/30 bg-gold/10 text-gold">
              <Icon name={point.icon} />
            </span>
            <h3 className="mt-3 font-semibold text-fg">{point.title}</h3>
            <p className="mt-1 text-sm text-fg-muted">{point.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
