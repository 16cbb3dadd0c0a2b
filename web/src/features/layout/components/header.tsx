import { useEffect, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { Container } from '@/components/ui/container';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { cn } from '@/lib/cn';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';

const MOBILE_MENU_ID = 'mobile-menu';

export function Header({ accountMenu }: { accountMenu?: ReactNode }) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const close = () => setMenuOpen(false);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);

  const links = [
    { to: paths.home.build(), label: t.nav.home, end: true },
    { to: paths.products.build(), label: t.nav.products, end: false },
    { to: paths.faq.build(), label: t.nav.faq, end: true },
    { to: paths.support.build(), label: t.nav.support, end: true },
  ];

  const linkClasses = ({ isActive }: { isActive: boolean }) =>
    cn(
      'rounded-lg px-3 py-2 text-sm font-medium transition',
      isActive ? 'text-gold' : 'text-fg-muted hover:text-fg',
    );

  return (
    <header className="sticky top-0 z-40 border-b border-line bg-bg/75 backdrop-blur-xl">
      <Container className="flex h-16 items-center justify-between gap-2 sm:gap-4">
        <Logo onNavigate={close} />

        <nav aria-label={t.nav.primary} className="hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end} className={linkClasses}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>

        <div className="flex items-center gap-1.5 sm:gap-2">
          <LanguageSwitch />
          {accountMenu}
          <button
            type="button"
            className="flex h-10 w-10 items-center justify-center rounded-lg text-fg hover:bg-glass-strong md:hidden"
            aria-expanded={menuOpen}
            aria-controls={MOBILE_MENU_ID}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="sr-only">{menuOpen ? t.nav.closeMenu : t.nav.openMenu}</span>
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6">
              {menuOpen ? (
                <path d="m6 6 12 12M18 6 6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              ) : (
                <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              )}
            </svg>
          </button>
        </div>
      </Container>

      <nav
        id={MOBILE_MENU_ID}
        aria-label={t.nav.primary}
        hidden={!menuOpen}
        className="border-t border-line bg-bg/95 md:hidden"
      >
        <Container>
          <ul className="flex flex-col py-2">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink
                  to={link.to}
                  end={link.end}
                  onClick={close}
                  className={({ isActive }) =>
                    cn(
                      'block rounded-lg px-3 py-3 text-base font-medium',
                      isActive ? 'text-gold' : 'text-fg hover:bg-glass-strong',
                    )
                  }
                >
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </Container>
      </nav>
    </header>
  );
}
