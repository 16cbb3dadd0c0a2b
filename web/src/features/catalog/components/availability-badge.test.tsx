import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/messages/en';
import { id } from '@/lib/i18n/messages/id';
import { availabilityText } from './availability-badge';

describe('availabilityText', () => {
  it('shows the stock count for stock products', () => {
    expect(availabilityText({ available: true, stock: 12 }, id)).toBe('Stok 12');
    expect(availabilityText({ available: true, stock: 1500 }, id)).toBe('Stok 1.500');
    expect(availabilityText({ available: true, stock: 12 }, en)).toBe('12 in stock');
  });

  it('says available for invite products, which have no count', () => {
    expect(availabilityText({ available: true, stock: null }, id)).toBe('Tersedia');
    expect(availabilityText({ available: true, stock: null }, en)).toBe('Available');
  });

  it('says sold out whenever the product cannot be bought now', () => {
    expect(availabilityText({ available: false, stock: 0 }, id)).toBe('Habis');
    expect(availabilityText({ available: false, stock: null }, id)).toBe('Habis');
    expect(availabilityText({ available: false, stock: 3 }, en)).toBe('Sold out');
  });
});
