import { FaqView } from '@/features/content/components/faq-view';

export function FaqRoute() {
  return <FaqView />;
}
