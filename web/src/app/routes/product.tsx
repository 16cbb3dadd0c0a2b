import { useParams } from 'react-router';
import { ProductDetailView } from '@/features/catalog/components/product-detail-view';

export function ProductRoute() {
  const { slug = '' } = useParams();
  // A new slug is a new page: reset the view's state.
  return <ProductDetailView key={slug} slug={slug} />;
}
