// The product shapes the API returns, shared by the list and the detail endpoints.
import * as z from 'zod/mini';

export const productTypes = ['STOCK', 'INVITE'] as const;
export const productTypeSchema = z.enum(productTypes);
export type ProductType = z.infer<typeof productTypeSchema>;

export const productSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  short_description: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? ''),
  ),
  type: productTypeSchema,
  category: z.object({ slug: z.string(), name: z.string() }),
  image_url: z.nullish(z.string()),
  price: z.number().check(z.int()),
  featured: z._default(z.boolean(), false),
  availability: z.object({
    available: z.boolean(),
    /** A count for STOCK products, null for INVITE products. */
    stock: z.nullish(z.number()),
  }),
});

export type ProductSummary = z.infer<typeof productSummarySchema>;
