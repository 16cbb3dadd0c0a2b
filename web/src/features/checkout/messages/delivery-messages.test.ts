import { describe, expect, it } from 'vitest';
import { deliveryEn } from './delivery-en';
import { deliveryId } from './delivery-id';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('delivery panel texts', () => {
  it('have exactly the same keys in Indonesian and English, none empty', () => {
    expect(Object.keys(deliveryEn).sort()).toEqual(Object.keys(deliveryId).sort());
    for (const [key, text] of [...Object.entries(deliveryId), ...Object.entries(deliveryEn)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(deliveryId)) {
      expect(placeholders(deliveryEn[key as keyof typeof deliveryEn]), key).toEqual(placeholders(text));
    }
  });
});
