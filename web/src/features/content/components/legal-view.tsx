import { PageHeader } from '@/components/page-header';
import { RichText } from '@/components/rich-text';
import { useRuntimeConfig } from '@/config/runtime-config';
import { formatDate } from '@/lib/format';
import { interpolate, useI18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStaticContent } from '../hooks/use-static-content';

/** Terms & Conditions or the Privacy Policy: table of contents and numbered sections. */
export function LegalView({ document }: { document: 'terms' | 'privacy' }) {
  const { t } = useI18n();
  const { shopName } = useRuntimeConfig();
  const { content, fill, lang } = useStaticContent();
  const doc = content[document];
  const title = t.pages[document];
  useDocumentTitle(title, shopName);

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={title}>
        <p className="text-sm text-fg-subtle">
          {interpolate(t.pages.lastUpdated, { date: formatDate(doc.updated, lang) })}
        </p>
        <p className="mt-4">{fill(doc.intro)}</p>
      </PageHeader>

      <nav aria-labelledby="toc-title" className="glass mb-10 rounded-card p-5">
        <h2 id="toc-title" className="text-sm font-semibold text-fg">
          {t.pages.onThisPage}
        </h2>
        <ol className="mt-3 grid gap-1.5 text-sm sm:grid-cols-2">
          {doc.sections.map((section) => (
            <li key={section.id}>
              <a
                href={`#${section.id}`}
                className="rounded text-fg-muted underline-offset-4 hover:text-gold hover:underline"
              >
                {section.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <div className="space-y-8">
        {doc.sections.map((section) => (
          <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="scroll-mt-24">
            <h2 id={`${section.id}-title`} className="mb-3 text-xl font-semibold text-fg">
              {section.title}
            </h2>
            <RichText text={fill(section.body)} />
          </section>
        ))}
      </div>
    </div>
  );
}
