// GET /categories: every category with its product count.
import { useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiGet } from '@/lib/api-client';
import { useI18n, type Language } from '@/lib/i18n';

export const categorySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  icon: z.nullish(z.string()),
  product_count: z._default(z.number(), 0),
});

export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({ items: z.array(categorySchema) });

export function getCategories(options: {
  lang: Language;
  signal?: AbortSignal;
}): Promise<Category[]> {
  return apiGet('/categories', categoryListSchema, options).then((list) => list.items);
}

export function useCategories() {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['categories', lang],
    queryFn: ({ signal }) => getCategories({ lang, signal }),
    staleTime: 5 * 60_000,
  });
}
