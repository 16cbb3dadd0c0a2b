import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { checkoutSchema } from './api/order-schema';
import {
  checkoutFormSchema,
  initialCheckoutValues,
  maxQuantity,
  needsMustRead,
  orderBody,
  placeServerFieldErrors,
} from './order-form';
import { checkoutPayload, stockProduct } from './test-fixtures';
import { fieldErrorsOf } from '@/lib/forms/use-form';

const invite = z.parse(checkoutSchema, checkoutPayload).product;
const stock = z.parse(checkoutSchema, { ...checkoutPayload, product: stockProduct }).product;

const buyer = { name: ' Budi ', email: 'budi@example.com', whatsapp: '0812-3456-7890' };

describe('checkout form checks', () => {
  it('needs the buyer and the required target fields, and checks their shape', () => {
    const schema = checkoutFormSchema(invite.input_schema);
    const empty = initialCheckoutValues(invite.input_schema);
    expect(Object.keys(empty)).toEqual(['name', 'email', 'whatsapp', 'target.email', 'target.note']);
    expect(fieldErrorsOf(schema, empty)).toEqual({
      name: 'nameRequired',
      email: 'emailRequired',
      whatsapp: 'whatsappRequired',
      'target.email': 'emailRequired',
    });
    expect(
      fieldErrorsOf(schema, { ...buyer, whatsapp: '021 555 1234', 'target.email': 'budi@', 'target.note': 'x'.repeat(11) }),
    ).toEqual({ whatsapp: 'whatsappInvalid', 'target.email': 'emailInvalid', 'target.note': 'fieldTooLong' });
  });

  it('trims the values and normalises the WhatsApp number', () => {
    const schema = checkoutFormSchema(invite.input_schema);
    expect(z.parse(schema, { ...buyer, 'target.email': ' tim@kantor.id ', 'target.note': '' })).toEqual({
      name: 'Budi',
      email: 'budi@example.com',
      whatsapp: '+6281234567890',
      'target.email': 'tim@kantor.id',
      'target.note': '',
    });
  });

  it('checks tel target fields loosely and optional email fields only when filled', () => {
    const schema = checkoutFormSchema([
      { key: 'phone', type: 'tel', required: true, label: { id: 'HP' }, max_length: 20 },
      { key: 'cc', type: 'email', required: false, label: { id: 'CC' }, max_length: 254 },
    ]);
    const base = { ...buyer, 'target.phone': '', 'target.cc': '' };
    expect(fieldErrorsOf(schema, base)).toEqual({ 'target.phone': 'fieldRequired' });
    expect(fieldErrorsOf(schema, { ...base, 'target.phone': 'abc', 'target.cc': 'x@' })).toEqual({
      'target.phone': 'phoneInvalid',
      'target.cc': 'emailInvalid',
    });
    expect(fieldErrorsOf(schema, { ...base, 'target.phone': '+62 812-3456-7890' })).toEqual({});
  });

  it('starts from the signed-in buyer profile', () => {
    expect(
      initialCheckoutValues([], { name: 'Member Demo', email: 'member@ruangpremium.local', whatsapp: '+6281200000003' }),
    ).toEqual({ name: 'Member Demo', email: 'member@ruangpremium.local', whatsapp: '+6281200000003' });
    expect(initialCheckoutValues([], { name: null, email: null, whatsapp: null })).toEqual({
      name: '',
      email: '',
      whatsapp: '',
    });
  });
});

describe('the order body', () => {
  const values = { name: 'Budi', email: 'budi@example.com', whatsapp: '+6281234567890' };

  it('sends the target keys of an INVITE product, leaving out empty optional ones', () => {
    expect(orderBody(invite, 3, { ...values, 'target.email': 'tim@kantor.id', 'target.note': '' }, true)).toEqual({
      product_id: invite.id,
      quantity: 1,
      buyer: values,
      target: { email: 'tim@kantor.id' },
      must_read_acknowledged: true,
    });
  });

  it('sends the quantity of a STOCK product, no target and no acknowledgement it does not need', () => {
    expect(orderBody(stock, 2, values, true)).toEqual({ product_id: stock.id, quantity: 2, buyer: values });
  });

  it('acknowledges the must-read notice only after the buyer did', () => {
    expect(orderBody(invite, 1, { ...values, 'target.email': 'a@b.id' }, false)).not.toHaveProperty(
      'must_read_acknowledged',
    );
  });
});

describe('the must-read gate', () => {
  it('stops "Bayar dengan QRIS" until the notice is acknowledged', () => {
    expect(needsMustRead(invite, false)).toBe(true);
    expect(needsMustRead(invite, true)).toBe(false);
    expect(needsMustRead(stock, false)).toBe(false);
    expect(needsMustRead({ must_read_notice: '   ' }, false)).toBe(false);
  });
});

describe('quantity limits', () => {
  it('allows 1…min(max_per_order, stock) for STOCK and exactly 1 for INVITE', () => {
    expect(maxQuantity(stock)).toBe(3);
    expect(maxQuantity({ ...stock, availability: { available: true, stock: 40 } })).toBe(5);
    expect(maxQuantity({ ...stock, max_per_order: null, availability: { available: true, stock: 40 } })).toBe(1);
    expect(maxQuantity(invite)).toBe(1);
  });
});

describe('server field errors', () => {
  it('lands buyer.*, target.* and quantity on their fields; the rest in the alert, unknown keys by name', () => {
    expect(
      placeServerFieldErrors(
        {
          'buyer.email': 'Email tidak valid',
          'buyer.whatsapp': 'Nomor WhatsApp tidak valid',
          'target.email': 'Email undangan wajib diisi',
          'target.unknown_key': 'Kolom tidak dikenal',
          quantity: 'Stok tinggal 2',
          must_read_acknowledged: 'Wajib dicentang',
          product_id: 'Produk tidak tersedia',
          'buyer.alamat': 'Isian ini tidak dikenal.',
          kupon: 'Isian ini tidak dikenal.',
        },
        invite.input_schema,
      ),
    ).toEqual({
      fields: {
        email: 'Email tidak valid',
        whatsapp: 'Nomor WhatsApp tidak valid',
        'target.email': 'Email undangan wajib diisi',
      },
      quantity: 'Stok tinggal 2',
      mustRead: 'Wajib dicentang',
      other: [
        { field: 'unknown_key', message: 'Kolom tidak dikenal', target: true },
        { field: null, message: 'Produk tidak tersedia', target: false },
        { field: 'alamat', message: 'Isian ini tidak dikenal.', target: false },
        { field: 'kupon', message: 'Isian ini tidak dikenal.', target: false },
      ],
    });
  });

  it('maps buyer.name to the name field and leaves an empty map empty', () => {
    expect(placeServerFieldErrors({ 'buyer.name': 'Terlalu panjang' }, []).fields).toEqual({ name: 'Terlalu panjang' });
    expect(placeServerFieldErrors({}, [])).toEqual({ fields: {}, quantity: null, mustRead: null, other: [] });
  });
});
