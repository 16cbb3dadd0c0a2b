import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { RichText } from '@/components/rich-text';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStaticContent } from '../hooks/use-static-content';

export function FaqView() {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  const { content, fill } = useStaticContent();
  useDocumentTitle(t.pages.faq, shopName);

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t.pages.faq}>
        <p>{fill(content.faq.intro)}</p>
      </PageHeader>
      <div className="space-y-10">
        {content.faq.groups.map((group) => (
          <section key={group.title} aria-labelledby={`faq-${group.items[0]?.id ?? group.title}`}>
            <h2
              id={`faq-${group.items[0]?.id ?? group.title}`}
              className="mb-4 text-sm font-semibold tracking-widest text-gold uppercase"
            >
              {group.title}
            </h2>
            <div className="space-y-3">
              {group.items.map((item) => (
                <details key={item.id} id={item.id} className="group glass scroll-mt-24 rounded-card">
                  <summary className="flex cursor-pointer list-none items-center justify-between gap-4 rounded-card p-4 font-semibold text-fg sm:p-5 [&::-webkit-details-marker]:hidden">
                    {item.question}
                    <span
                      aria-hidden="true"
                      className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full border border-line text-fg-muted transition group-open:rotate-45"
                    >
                      +
                    </span>
                  </summary>
                  <div className="px-4 pb-5 sm:px-5">
                    <RichText text={fill(item.answer)} />
                  </div>
                </details>
              ))}
            </div>
          </section>
        ))}
      </div>
      <p className="mt-10 text-fg-muted">
        {content.faq.stillNeedHelp}{' '}
        <Link
          to={paths.support.build()}
          className="rounded font-semibold text-gold underline underline-offset-4"
        >
          {content.faq.contactLink}
        </Link>
      </p>
    </div>
  );
}
