import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { useRuntimeConfig } from '@/config/runtime-config';
import { mailtoLink, whatsappLink } from '@/lib/contact';
import { cn } from '@/lib/cn';
import { interpolate, useI18n } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';

/** The shop's contacts, with the order number already in the message. */
export function OrderHelp({ number, emphasis = false }: { number?: string; emphasis?: boolean }) {
  const c = useOrderMessages();
  return (
    <Card
      className={cn('space-y-3 p-5', emphasis && 'border-gold/50')}
      data-testid="order-help"
    >
      <h2 className="text-base font-semibold text-fg">{c.track.help}</h2>
      <p className="text-sm text-fg-muted">
        {number ? interpolate(c.track.helpBody, { number }) : c.track.helpBodyGeneric}
      </p>
      <SupportLinks number={number} emphasis={emphasis} />
    </Card>
  );
}

/**
 * WhatsApp (the message prefilled with the order number) and email buttons, from the
 * runtime config's support contacts.
 */
export function SupportLinks({ number, emphasis = false }: { number?: string; emphasis?: boolean }) {
  const { t } = useI18n();
  const c = useOrderMessages();
  const config = useRuntimeConfig();
  const message = number
    ? interpolate(c.track.whatsappMessage, { shop: config.shopName, number })
    : interpolate(c.track.whatsappMessageGeneric, { shop: config.shopName });
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <a
        href={whatsappLink(config.supportWhatsapp, message)}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses({ variant: emphasis ? 'primary' : 'secondary', size: 'sm' })}
      >
        <Icon name="chat" className="h-4 w-4" />
        {c.track.whatsapp}
        <span className="sr-only"> {t.common.opensInNewTab}</span>
      </a>
      <a
        href={mailtoLink(config.supportEmail, number ? `${config.shopName} ${number}` : config.shopName)}
        className={buttonClasses({ variant: 'ghost', size: 'sm' })}
      >
        <Icon name="mail" className="h-4 w-4" />
        {c.track.email}
      </a>
    </div>
  );
}
