import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useToast } from '@/lib/toast';
import { qrModules, qrPngBlob } from '../qr';

/**
 * The QRIS code as a crisp SVG (one path, one unit per module, dark on white whatever
 * the theme, with its quiet zone), and "Simpan QR", which saves it as a PNG: e-wallet
 * apps scan from the photo gallery, and galleries do not take SVG files.
 */
export function QrCode({ value, label, fileName }: { value: string; label: string; fileName: string }) {
  const c = useOrderMessages();
  const { notify } = useToast();
  const modules = useMemo(() => qrModules(value), [value]);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    try {
      const blob = await qrPngBlob(modules);
      if (!blob) throw new Error('no canvas');
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      notify(c.invoice.saveQrFailed, 'error');
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="flex flex-col items-center gap-4">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${modules.size} ${modules.size}`}
        shapeRendering="crispEdges"
        className="aspect-square w-full max-w-[18rem] rounded-xl"
        data-testid="invoice-qr"
      >
        <rect width={modules.size} height={modules.size} fill="white" />
        <path d={modules.path} fill="black" />
      </svg>
      <Button variant="secondary" size="sm" loading={saving} onClick={() => void save()} data-testid="save-qr">
        <Icon name="download" className="h-4 w-4" />
        {c.invoice.saveQr}
      </Button>
    </div>
  );
}
