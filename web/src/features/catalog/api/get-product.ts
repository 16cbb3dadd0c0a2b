// GET /products/{slug}: one product with its description and checkout inputs.
import { useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiGet } from '@/lib/api-client';
import { useI18n, type Language } from '@/lib/i18n';
import { productSummarySchema } from './product-schema';

export const inputFieldSchema = z.object({
  key: z.string(),
  type: z.string(),
  required: z._default(z.boolean(), false),
  label: z.object({ id: z.optional(z.string()), en: z.optional(z.string()) }),
  max_length: z.nullish(z.number()),
});

export type InputField = z.infer<typeof inputFieldSchema>;

export const productDetailSchema = z.extend(productSummarySchema, {
  description: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? ''),
  ),
  must_read_notice: z.nullish(z.string()),
  input_schema: z.pipe(
    z.nullish(z.array(inputFieldSchema)),
    z.transform((value) => value ?? []),
  ),
  max_per_order: z.nullish(z.number()),
});

export type ProductDetail = z.infer<typeof productDetailSchema>;

export function getProduct(
  slug: string,
  options: { lang: Language; signal?: AbortSignal },
): Promise<ProductDetail> {
  return apiGet(`/products/${encodeURIComponent(slug)}`, productDetailSchema, options);
}

export function useProduct(slug: string) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['products', 'detail', slug, lang],
    queryFn: ({ signal }) => getProduct(slug, { lang, signal }),
  });
}
