import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from './i18n-provider';
import { useI18n } from './i18n-context';

function Probe() {
  const { t, setLang } = useI18n();
  return (
    <>
      <p>{t.nav.products}</p>
      <button onClick={() => setLang('en')}>en</button>
    </>
  );
}

describe('I18nProvider', () => {
  afterEach(() => window.localStorage.clear());

  it('starts in Bahasa Indonesia and sets <html lang>', () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Produk')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('id');
  });

  it('switches to English, saves the choice and restores it next time', () => {
    const first = render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    act(() => screen.getByRole('button', { name: 'en' }).click());
    expect(screen.getByText('Products')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    first.unmount();

    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Products')).toBeInTheDocument();
  });

  it('ignores a stored value that is not a language', () => {
    window.localStorage.setItem('rp.lang', 'fr');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Produk')).toBeInTheDocument();
  });
});
