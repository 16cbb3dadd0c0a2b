import { SupportView } from '@/features/content/components/support-view';

export function SupportRoute() {
  return <SupportView />;
}
