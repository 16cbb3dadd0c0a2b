import { describe, expect, it } from 'vitest';
import { catalogSearchParams, parseCatalogFilters, toProductListParams } from './use-catalog-filters';

describe('catalog filters in the URL', () => {
  it('parses known values and ignores unknown ones', () => {
    const filters = parseCatalogFilters(
      new URLSearchParams('q=%20canva%20&type=BOGUS&sort=cheap&page=-3&available=yes'),
    );
    expect(filters).toEqual({
      q: 'canva',
      category: '',
      type: '',
      available: false,
      sort: 'featured',
      page: 1,
    });
  });

  it('round-trips and leaves defaults out of the URL', () => {
    const search = new URLSearchParams('category=game&type=INVITE&available=true&sort=price_asc&page=2');
    const filters = parseCatalogFilters(search);
    expect(catalogSearchParams(filters).toString()).toBe(search.toString());
    expect(catalogSearchParams({ ...filters, sort: 'featured', page: 1 }).toString()).toBe(
      'category=game&type=INVITE&available=true',
    );
  });

  it('maps to API params', () => {
    expect(toProductListParams(parseCatalogFilters(new URLSearchParams('q=spotify')))).toEqual({
      q: 'spotify',
      category: undefined,
      type: undefined,
      available: undefined,
      sort: 'featured',
      page: 1,
      page_size: 20,
    });
  });
});
