import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate';
import { accountEn } from './messages/account/en';
import { accountId } from './messages/account/id';
import { checkoutEn } from './messages/checkout/en';
import { checkoutId } from './messages/checkout/id';
import { formsEn } from './messages/forms/en';
import { formsId } from './messages/forms/id';
import { ordersEn } from './messages/orders/en';
import { ordersId } from './messages/orders/id';
import { en } from './messages/en';
import { id } from './messages/id';

/** Every leaf path of a message tree, e.g. "catalog.sort.newest". */
function leafPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leafPaths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function leafValues(tree: object): [string, unknown][] {
  return leafPaths(tree).map((path) => [
    path,
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree),
  ]);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe.each([
  ['shared messages', id, en],
  ['account pages messages', accountId, accountEn],
  ['form messages', formsId, formsEn],
  ['checkout page messages', checkoutId, checkoutEn],
  ['order pages messages', ordersId, ordersEn],
])('%s', (_name, idTree: object, enTree: object) => {
  it('have exactly the same keys in Indonesian and English', () => {
    expect(leafPaths(enTree).sort()).toEqual(leafPaths(idTree).sort());
  });

  it('have no empty strings', () => {
    for (const [path, value] of [...leafValues(idTree), ...leafValues(enTree)]) {
      expect(typeof value, path).toBe('string');
      expect((value as string).trim(), path).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const enValues = new Map(leafValues(enTree));
    for (const [path, value] of leafValues(idTree)) {
      expect(placeholders(enValues.get(path) as string), path).toEqual(
        placeholders(value as string),
      );
    }
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(interpolate('Stok {count}', { count: 12 })).toBe('Stok 12');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
