import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';

/** A helpful dead end: what happened, a product search, and ways back. */
export function NotFoundPanel({ title, body }: { title: string; body: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const inputId = useId();
  const [query, setQuery] = useState('');

  function search(event: FormEvent) {
    event.preventDefault();
    void navigate(paths.products.build({ q: query.trim() || undefined }));
  }

  return (
    <Card className="mx-auto max-w-xl p-6 text-center sm:p-10" data-testid="not-found">
      <p className="text-sm font-semibold tracking-widest text-gold uppercase">{t.notFound.code}</p>
      <h1 className="mt-3 text-2xl font-bold text-fg sm:text-3xl">{title}</h1>
      <p className="mt-3 text-fg-muted">{body}</p>
      <form role="search" onSubmit={search} className="mt-6 flex gap-2 text-left">
        <label htmlFor={inputId} className="sr-only">
          {t.notFound.searchLabel}
        </label>
        <Input
          id={inputId}
          type="search"
          value={query}
          maxLength={100}
          placeholder={t.catalog.searchPlaceholder}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          {t.notFound.searchButton}
        </Button>
      </form>
      <div className="mt-6 flex flex-col-reverse justify-center gap-3 sm:flex-row">
        <Link to={paths.home.build()} className={buttonClasses({ variant: 'secondary' })}>
          {t.common.backHome}
        </Link>
        <Link to={paths.products.build()} className={buttonClasses({ variant: 'primary' })}>
          {t.common.browseCatalog}
        </Link>
      </div>
    </Card>
  );
}
