import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useToast } from '@/lib/toast';

/** "Simpan tautan ini untuk melacak pesanan": the order's tracking link and a copy button. */
export function TrackingLink({ token }: { token: string }) {
  const c = useOrderMessages();
  const { notify } = useToast();
  const path = paths.track.build(token);
  const url = new URL(path, window.location.origin).toString();

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      notify(c.invoice.copied);
    } catch {
      notify(c.invoice.copyFailed, 'error');
    }
  }

  return (
    <Card className="space-y-3 p-5" data-testid="tracking-link">
      <h2 className="text-base font-semibold text-fg">{c.invoice.trackingTitle}</h2>
      <p className="text-sm text-fg-muted">{c.invoice.trackingBody}</p>
      <Link
        to={path}
        aria-label={c.invoice.trackingLabel}
        className="block rounded-control border border-line bg-surface px-3.5 py-2.5 font-mono text-xs text-gold [overflow-wrap:anywhere] hover:border-gold/60"
        data-testid="tracking-url"
      >
        {url}
      </Link>
      <Button variant="secondary" size="sm" onClick={() => void copy()} data-testid="copy-tracking-link">
        <Icon name="copy" className="h-4 w-4" />
        {c.invoice.copy}
      </Button>
    </Card>
  );
}
