import { LegalView } from '@/features/content/components/legal-view';

export function TermsRoute() {
  return <LegalView document="terms" />;
}
