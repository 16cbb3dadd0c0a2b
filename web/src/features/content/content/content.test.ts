import { describe, expect, it } from 'vitest';
import { enContent } from './en';
import { idContent } from './id';

describe('static content', () => {
  it('has the same FAQ questions in both languages', () => {
    const ids = (content: typeof idContent) =>
      content.faq.groups.map((group) => group.items.map((item) => item.id));
    expect(ids(enContent)).toEqual(ids(idContent));
  });

  it('has the same sections in the terms and privacy documents', () => {
    for (const doc of ['terms', 'privacy'] as const) {
      expect(enContent[doc].sections.map((s) => s.id)).toEqual(
        idContent[doc].sections.map((s) => s.id),
      );
      expect(enContent[doc].updated).toBe(idContent[doc].updated);
    }
  });

  it('covers the topics a buyer asks about', () => {
    const faq = JSON.stringify(idContent.faq);
    for (const topic of ['QRIS', 'Undangan Tim', 'refund', 'OTP', 'tautan pelacakan', 'garansi']) {
      expect(faq, topic).toContain(topic);
    }
    expect(JSON.stringify(idContent.privacy)).toContain('No. 27 Tahun 2022');
    expect(JSON.stringify(idContent.terms)).toContain('hukum Republik Indonesia');
  });

  it('uses only the known placeholders', () => {
    const placeholders = JSON.stringify([idContent, enContent]).match(/\{\w+\}/g) ?? [];
    expect(new Set(placeholders)).toEqual(new Set(['{shop}', '{email}', '{whatsapp}']));
  });
});
