import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { RichText } from '@/components/rich-text';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { mailtoLink, whatsappLink } from '@/lib/contact';
import { useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStaticContent } from '../hooks/use-static-content';

export function SupportView() {
  const { t } = useI18n();
  const config = useRuntimeConfig();
  const { content, fill } = useStaticContent();
  const support = content.support;
  useDocumentTitle(t.pages.support, config.shopName);

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t.pages.support}>
        <p>{fill(support.intro)}</p>
      </PageHeader>

      <div className="grid gap-4 sm:grid-cols-2">
        <Card className="flex flex-col gap-3 p-5 sm:p-6">
          <h2 className="text-lg font-semibold text-fg">{t.support.whatsappTitle}</h2>
          <p className="text-sm text-fg-muted">{t.support.whatsappBody}</p>
          <p className="text-base font-semibold text-fg tabular-nums" data-testid="support-whatsapp">
            {config.supportWhatsapp}
          </p>
          <a
            href={whatsappLink(config.supportWhatsapp)}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClasses({ className: 'mt-auto' })}
          >
            {t.support.whatsappCta}
            <span className="sr-only"> {t.common.opensInNewTab}</span>
          </a>
        </Card>
        <Card className="flex flex-col gap-3 p-5 sm:p-6">
          <h2 className="text-lg font-semibold text-fg">{t.support.emailTitle}</h2>
          <p className="text-sm text-fg-muted">{t.support.emailBody}</p>
          <p className="text-base font-semibold [overflow-wrap:anywhere] text-fg" data-testid="support-email">
            {config.supportEmail}
          </p>
          <a
            href={mailtoLink(config.supportEmail, config.shopName)}
            className={buttonClasses({ variant: 'secondary', className: 'mt-auto' })}
          >
            {t.support.emailCta}
          </a>
        </Card>
      </div>

      <div className="mt-10 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="hours-title">
          <h2 id="hours-title" className="mb-3 text-xl font-semibold text-fg">
            {support.hoursTitle}
          </h2>
          <RichText text={fill(support.hours)} />
        </section>
        <section aria-labelledby="response-title">
          <h2 id="response-title" className="mb-3 text-xl font-semibold text-fg">
            {support.responseTitle}
          </h2>
          <RichText text={fill(support.response)} />
        </section>
        <section aria-labelledby="include-title">
          <h2 id="include-title" className="mb-3 text-xl font-semibold text-fg">
            {support.includeTitle}
          </h2>
          <RichText text={fill(support.include)} />
        </section>
        <section
          aria-labelledby="never-title"
          className="rounded-card border border-danger/40 bg-danger/10 p-5"
        >
          <h2 id="never-title" className="mb-2 text-xl font-semibold text-danger">
            {support.neverTitle}
          </h2>
          <RichText text={fill(support.never)} tone="strong" />
        </section>
      </div>

      <p className="mt-10 text-fg-muted">
        {support.faqPrompt}{' '}
        <Link to={paths.faq.build()} className="rounded font-semibold text-gold underline underline-offset-4">
          {support.faqLink}
        </Link>
        .
      </p>
    </div>
  );
}
