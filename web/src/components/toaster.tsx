import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';
import { cn } from '@/lib/cn';
import { ToastContext, type Toast, type ToastTone, type ToastValue } from '@/lib/toast';
import { Icon } from './ui/icon';

const VISIBLE_MS = 6000;

/** Short confirmations ("Profil disimpan") in a polite live region at the bottom. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback((message: string, tone: ToastTone = 'success') => {
    const id = nextId.current++;
    // One message at a time keeps the corner calm and the announcements short.
    setToasts([{ id, message, tone }]);
  }, []);

  const value = useMemo<ToastValue>(() => ({ notify }), [notify]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        aria-atomic="false"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6"
      >
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = window.setTimeout(() => onDismiss(toast.id), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, onDismiss]);

  return (
    <div
      role="status"
      data-testid="toast"
      className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-card border border-line-strong bg-surface-raised/95 p-4 text-sm text-fg shadow-card backdrop-blur-xl"
    >
      <Icon
        name={toast.tone === 'error' ? 'alert' : toast.tone === 'info' ? 'info' : 'check'}
        className={cn(
          'mt-0.5',
          toast.tone === 'error' ? 'text-danger' : toast.tone === 'info' ? 'text-gold' : 'text-success',
        )}
      />
      <p className="min-w-0 flex-1">{toast.message}</p>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 rounded-lg p-1 text-fg-muted hover:text-fg"
        aria-label={t.common.close}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4">
          <path d="m6 6 12 12M18 6 6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
