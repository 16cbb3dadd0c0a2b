import { Link } from 'react-router';
import { Container } from '@/components/ui/container';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { mailtoLink, whatsappLink } from '@/lib/contact';
import { interpolate, useI18n } from '@/lib/i18n';
import { Logo } from './logo';

export function Footer() {
  const { t } = useI18n();
  const config = useRuntimeConfig();
  const linkClasses = 'rounded text-sm text-fg-muted transition hover:text-fg';

  const columns = [
    {
      title: t.footer.shop,
      links: [
        { to: paths.products.build(), label: t.footer.allProducts },
        { to: paths.products.build({ type: 'STOCK' }), label: t.product.type.STOCK },
        { to: paths.products.build({ type: 'INVITE' }), label: t.product.type.INVITE },
      ],
    },
    {
      title: t.footer.help,
      links: [
        { to: paths.faq.build(), label: t.footer.faq },
        { to: paths.support.build(), label: t.footer.support },
      ],
    },
    {
      title: t.footer.legal,
      links: [
        { to: paths.terms.build(), label: t.footer.terms },
        { to: paths.privacy.build(), label: t.footer.privacy },
      ],
    },
  ];

  return (
    <footer className="mt-20 border-t border-line bg-surface/60">
      <Container className="grid grid-cols-2 gap-x-6 gap-y-10 py-12 md:grid-cols-3 lg:grid-cols-[1.5fr_1fr_1fr_1fr_1.4fr]">
        <div className="col-span-2 space-y-3 md:col-span-3 lg:col-span-1">
          <Logo />
          <p className="max-w-xs text-sm text-fg-muted">{t.footer.tagline}</p>
          <p className="inline-flex items-center gap-2 rounded-full border border-line px-3 py-1 text-xs font-medium text-fg-muted">
            <span aria-hidden="true" className="h-2 w-2 rounded-full bg-gold" />
            {t.footer.payment}
          </p>
        </div>
        {columns.map((column) => (
          <div key={column.title}>
            <h2 className="text-sm font-semibold text-fg">{column.title}</h2>
            <ul className="mt-3 space-y-2">
              {column.links.map((link) => (
                <li key={link.to}>
                  <Link to={link.to} className={linkClasses}>
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="col-span-2 md:col-span-1">
          <h2 className="text-sm font-semibold text-fg">{t.footer.contact}</h2>
          <ul className="mt-3 space-y-2">
            <li>
              <a
                href={whatsappLink(config.supportWhatsapp)}
                target="_blank"
                rel="noopener noreferrer"
                className={`${linkClasses} block`}
              >
                <span className="block text-xs text-fg-subtle">{t.footer.whatsapp}</span>
                {config.supportWhatsapp}
                <span className="sr-only"> {t.common.opensInNewTab}</span>
              </a>
            </li>
            <li>
              <a href={mailtoLink(config.supportEmail)} className={`${linkClasses} block [overflow-wrap:anywhere]`}>
                <span className="block text-xs text-fg-subtle">{t.footer.email}</span>
                {config.supportEmail}
              </a>
            </li>
          </ul>
        </div>
      </Container>
      <div className="border-t border-line">
        <Container className="py-5 text-xs text-fg-subtle">
          <p>{interpolate(t.footer.rights, { year: new Date().getFullYear(), shop: config.shopName })}</p>
        </Container>
      </div>
    </footer>
  );
}
