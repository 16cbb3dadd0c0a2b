import { useEffect, useEffectEvent, useId, useState, type FormEvent } from 'react';
import { Input } from '@/components/ui/input';
import { useI18n } from '@/lib/i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { SEARCH_MAX_LENGTH } from '../hooks/use-catalog-filters';

const DEBOUNCE_MS = 300;

/**
 * The catalog search box. Typing updates the URL after a short pause; Enter
 * searches at once. When the URL changes from elsewhere (back button, reset),
 * the box follows it.
 */
export function CatalogSearch({
  value,
  onSearch,
}: {
  value: string;
  onSearch: (query: string) => void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, DEBOUNCE_MS);

  // Follow outside changes of the URL. Our own debounced pushes arrive equal to
  // `debounced`, so they never overwrite what the user is still typing.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (value !== debounced.trim()) setDraft(value);
  }

  function commit(query: string) {
    if (query !== value) onSearch(query);
  }
  const commitDebounced = useEffectEvent(commit);
  useEffect(() => {
    commitDebounced(debounced.trim());
  }, [debounced]);

  function submit(event: FormEvent) {
    event.preventDefault();
    commit(draft.trim());
  }

  return (
    <form role="search" onSubmit={submit} className="relative w-full">
      <label htmlFor={inputId} className="sr-only">
        {t.catalog.searchLabel}
      </label>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 left-3.5 h-4.5 w-4.5 -translate-y-1/2 text-fg-muted"
      >
        <circle cx="9" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="m13.5 13.5 3.5 3.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <Input
        id={inputId}
        type="search"
        inputMode="search"
        enterKeyHint="search"
        autoComplete="off"
        maxLength={SEARCH_MAX_LENGTH}
        placeholder={t.catalog.searchPlaceholder}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className="pr-11 pl-10 [&::-webkit-search-cancel-button]:appearance-none"
      />
      {draft && (
        <button
          type="button"
          onClick={() => {
            setDraft('');
            commit('');
          }}
          className="absolute top-1/2 right-1.5 flex h-8 w-8 -translate-y-1/2 items-center justify-center rounded-full text-fg-muted hover:bg-glass-strong hover:text-fg"
        >
          <span className="sr-only">{t.catalog.clearSearch}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4">
            <path d="m6 6 8 8M14 6l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      )}
    </form>
  );
}
