// GET /products: the catalog list with search, filters, sort and pagination.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiGet } from '@/lib/api-client';
import { useI18n, type Language } from '@/lib/i18n';
import { productSummarySchema, type ProductType } from './product-schema';

export const productSorts = ['featured', 'newest', 'price_asc', 'price_desc'] as const;
export type ProductSort = (typeof productSorts)[number];

export type ProductListParams = {
  q?: string;
  category?: string;
  type?: ProductType;
  available?: boolean;
  featured?: boolean;
  sort?: ProductSort;
  page?: number;
  page_size?: number;
};

export const productListSchema = z.object({
  items: z.array(productSummarySchema),
  page: z.number(),
  page_size: z.number(),
  total: z.number(),
});

export type ProductList = z.infer<typeof productListSchema>;

export function getProducts(
  params: ProductListParams,
  options: { lang: Language; signal?: AbortSignal },
): Promise<ProductList> {
  return apiGet('/products', productListSchema, { ...options, params });
}

export function useProducts(params: ProductListParams) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['products', 'list', params, lang],
    queryFn: ({ signal }) => getProducts(params, { lang, signal }),
    placeholderData: keepPreviousData,
  });
}
