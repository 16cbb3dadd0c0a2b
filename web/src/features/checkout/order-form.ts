// The checkout form: its fields (the buyer, plus an INVITE product's target fields from
// its input_schema), their checks before sending, the body of POST /orders, and where
// the server's field errors ("buyer.email", "target.email", "quantity") are shown.
// The server checks everything again; these checks only save the buyer a round trip.
import * as z from 'zod/mini';
import {
  displayNameField,
  EMAIL_MAX,
  emailField,
  requiredWhatsappField,
} from '@/lib/forms/fields';
import type { CheckoutProduct, CreateOrderBody, InputField } from './api/order-schema';

/** The form's name for a target field: "target.<key>", the same as the server's. */
export const targetFieldName = (key: string) => `target.${key}`;

export const BUYER_FIELDS = ['name', 'email', 'whatsapp'] as const;

/** The form's values, as typed: the buyer's fields and "target.<key>" fields. */
export type CheckoutValues = Record<string, string>;
/** What the checks hand on: trimmed, WhatsApp normalised to +628…. */
export type CheckoutOutput = Record<string, string>;

const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;

/** The check for one target field, by its type; unknown types are plain text. */
export function targetFieldSchema(field: InputField): z.ZodMiniType<string, string> {
  const max = field.max_length && field.max_length > 0 ? field.max_length : null;
  if (field.type === 'email') {
    if (field.required) return emailField;
    return z.string().check(
      z.trim(),
      z.maxLength(max ?? EMAIL_MAX, 'emailInvalid'),
      z.refine((value) => value === '' || z.safeParse(emailField, value).success, 'emailInvalid'),
    );
  }
  return z.string().check(
    z.trim(),
    z.refine((value) => !field.required || value !== '', 'fieldRequired'),
    z.refine((value) => max === null || [...value].length <= max, 'fieldTooLong'),
    z.refine((value) => field.type !== 'tel' || value === '' || PHONE.test(value), 'phoneInvalid'),
  );
}

/** The checks of the whole form for one product. */
export function checkoutFormSchema(
  inputFields: readonly InputField[],
): z.ZodMiniType<CheckoutOutput, CheckoutValues> {
  const shape: Record<string, z.ZodMiniType<string, string>> = {
    name: displayNameField,
    email: emailField,
    whatsapp: requiredWhatsappField,
  };
  for (const field of inputFields) shape[targetFieldName(field.key)] = targetFieldSchema(field);
  return z.object(shape) as unknown as z.ZodMiniType<CheckoutOutput, CheckoutValues>;
}

/** The form's starting values: the signed-in buyer's profile, or empty. */
export function initialCheckoutValues(
  inputFields: readonly InputField[],
  profile?: { name?: string | null; email?: string | null; whatsapp?: string | null } | null,
): CheckoutValues {
  const values: CheckoutValues = {
    name: profile?.name ?? '',
    email: profile?.email ?? '',
    whatsapp: profile?.whatsapp ?? '',
  };
  for (const field of inputFields) values[targetFieldName(field.key)] = '';
  return values;
}

/** How many the buyer may order: INVITE always 1; STOCK up to the limit and the stock. */
export function maxQuantity(product: Pick<CheckoutProduct, 'type' | 'max_per_order' | 'availability'>): number {
  if (product.type !== 'STOCK') return 1;
  const limit = product.max_per_order && product.max_per_order > 0 ? product.max_per_order : 1;
  const stock = product.availability.stock;
  return Math.max(1, typeof stock === 'number' ? Math.min(limit, stock) : limit);
}

/** Whether "Bayar dengan QRIS" must first show the product's must-read notice. */
export function needsMustRead(
  product: Pick<CheckoutProduct, 'must_read_notice'>,
  acknowledged: boolean,
): boolean {
  return Boolean(product.must_read_notice?.trim()) && !acknowledged;
}

/** The body of POST /orders. Empty optional target fields are left out. */
export function orderBody(
  product: Pick<CheckoutProduct, 'id' | 'type' | 'input_schema' | 'must_read_notice'>,
  quantity: number,
  values: CheckoutOutput,
  acknowledged: boolean,
): CreateOrderBody {
  const body: CreateOrderBody = {
    product_id: product.id,
    quantity: product.type === 'STOCK' ? quantity : 1,
    buyer: { name: values.name ?? '', email: values.email ?? '', whatsapp: values.whatsapp ?? '' },
  };
  if (product.type === 'INVITE') {
    const target: Record<string, string> = {};
    for (const field of product.input_schema) {
      const value = values[targetFieldName(field.key)] ?? '';
      if (value !== '') target[field.key] = value;
    }
    body.target = target;
  }
  if (product.must_read_notice?.trim() && acknowledged) body.must_read_acknowledged = true;
  return body;
}

/** The server's field errors, sorted to where the page shows them. */
export interface PlacedFieldErrors {
  /** By form field name (name, email, whatsapp, target.<key>). */
  fields: Record<string, string>;
  quantity: string | null;
  mustRead: string | null;
  /** Errors with no field on the page (shown in the form's alert). */
  other: OtherFieldError[];
}

/**
 * A server error with no input on the page. `field` names a key the page does not know
 * (e.g. "warna" for "target.warna": the product's form changed, or the request was
 * altered), so the buyer can tell which one; null for the body's own keys
 * (product_id, must_read_acknowledged), whose message says enough.
 */
export interface OtherFieldError {
  field: string | null;
  message: string;
  /** A target field of the product that this page does not show. */
  target: boolean;
}

/** Keys of the body itself: their messages need no field name. */
const BODY_KEYS = new Set(['product_id', 'quantity', 'buyer', 'target', 'must_read_acknowledged']);

const SERVER_BUYER_FIELDS: Record<string, (typeof BUYER_FIELDS)[number]> = {
  'buyer.name': 'name',
  'buyer.email': 'email',
  'buyer.whatsapp': 'whatsapp',
};

/** Places `error.fields` of POST /orders (keys nested with dots) on the form's fields. */
export function placeServerFieldErrors(
  serverFields: Readonly<Record<string, string>>,
  inputFields: readonly InputField[],
): PlacedFieldErrors {
  const targetNames = new Set(inputFields.map((field) => targetFieldName(field.key)));
  const placed: PlacedFieldErrors = { fields: {}, quantity: null, mustRead: null, other: [] };
  for (const [key, message] of Object.entries(serverFields)) {
    const buyerField = SERVER_BUYER_FIELDS[key];
    if (buyerField) placed.fields[buyerField] = message;
    else if (targetNames.has(key)) placed.fields[key] = message;
    else if (key === 'quantity') placed.quantity = message;
    else if (key === 'must_read_acknowledged') placed.mustRead = message;
    else if (BODY_KEYS.has(key)) placed.other.push({ field: null, message, target: false });
    else {
      const target = key.startsWith('target.');
      placed.other.push({ field: key.replace(/^(buyer|target)\./, ''), message, target });
    }
  }
  return placed;
}

/** A target field's label in the page's language. */
export function inputFieldLabel(field: InputField, lang: 'id' | 'en'): string {
  return field.label[lang] ?? field.label.id ?? field.label.en ?? field.key;
}
