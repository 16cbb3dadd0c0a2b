import { Icon } from '@/components/ui/icon';
import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n';
import { HOW_IT_WORKS_ID } from './hero';

export function HowItWorks() {
  const { t } = useI18n();
  const steps = [
    { icon: 'cart' as const, title: t.home.steps.pickTitle, body: t.home.steps.pickBody },
    { icon: 'qr' as const, title: t.home.steps.payTitle, body: t.home.steps.payBody },
    { icon: 'bolt' as const, title: t.home.steps.receiveTitle, body: t.home.steps.receiveBody },
  ];
  return (
    <section id={HOW_IT_WORKS_ID} aria-labelledby="how-title" className="scroll-mt-24">
      <h2 id="how-title" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
        {t.home.howTitle}
      </h2>
      <p className="mt-2 text-fg-muted">{t.home.howBody}</p>
      <ol className="mt-6 grid gap-4 md:grid-cols-3">
        {steps.map((step, index) => (
          <li key={step.title} className="flex">
            <Card className="flex w-full gap-4 p-5">
              <span
                aria-hidden="true"
                className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-cta text-sm font-bold text-on-accent"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="flex items-center gap-2 font-semibold text-fg">
                  <Icon name={step.icon} className="h-4.5 w-4.5 text-gold" />
                  {step.title}
                </h3>
                <p className="mt-1 text-sm text-fg-muted">{step.body}</p>
              </div>
            </Card>
          </li>
        ))}
      </ol>
    </section>
  );
}
