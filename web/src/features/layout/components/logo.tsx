import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { interpolate, useI18n } from '@/lib/i18n';

/** The wordmark. "RuangPremium" splits into a plain and a gold part; other names stay whole. */
export function Logo({ onNavigate }: { onNavigate?: () => void }) {
  const { shopName } = useRuntimeConfig();
  const { t } = useI18n();
  const split = /^(.*?)(Premium)$/.exec(shopName);
  return (
    <Link
      to={paths.home.build()}
      onClick={onNavigate}
      aria-label={interpolate(t.nav.homeLink, { shop: shopName })}
      className="inline-flex items-center gap-2 rounded-lg text-lg font-extrabold tracking-tight"
    >
      <span
        aria-hidden="true"
        className="flex h-8 w-8 items-center justify-center rounded-lg bg-cta text-sm font-black text-on-accent shadow-glow"
      >
        {shopName.charAt(0)}
      </span>
      {split ? (
        <span>
          <span className="text-fg">{split[1]}</span>
          <span className="text-brand">{split[2]}</span>
        </span>
      ) : (
        <span className="text-fg">{shopName}</span>
      )}
    </Link>
  );
}
