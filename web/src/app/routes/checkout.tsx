import { useParams } from 'react-router';
import { CheckoutView } from '@/features/checkout/components/checkout-view';

export function CheckoutRoute() {
  const { productId = '' } = useParams();
  // Another product is another form: start again.
  return <CheckoutView key={productId} productId={productId} />;
}
