import { useParams } from 'react-router';
import { InvoiceView } from '@/features/checkout/components/invoice-view';

export function InvoiceRoute() {
  const { orderId = '' } = useParams();
  return <InvoiceView key={orderId} orderId={orderId} />;
}
