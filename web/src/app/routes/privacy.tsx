import { LegalView } from '@/features/content/components/legal-view';

export function PrivacyRoute() {
  return <LegalView document="privacy" />;
}
