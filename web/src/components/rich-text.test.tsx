import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseRichText, RichText } from './rich-text';

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and groups bullet lines', () => {
    expect(
      parseRichText('Akses penuh.\nBerlaku 30 hari.\n\n- Email pribadi\n- Tanpa VPN\r\n\nSelesai.'),
    ).toEqual([
      { kind: 'paragraph', lines: ['Akses penuh.', 'Berlaku 30 hari.'] },
      { kind: 'list', items: ['Email pribadi', 'Tanpa VPN'] },
      { kind: 'paragraph', lines: ['Selesai.'] },
    ]);
  });

  it('accepts * and • bullets and a list right after a paragraph line', () => {
    expect(parseRichText('Fitur:\n* satu\n• dua')).toEqual([
      { kind: 'paragraph', lines: ['Fitur:'] },
      { kind: 'list', items: ['satu', 'dua'] },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(parseRichText('  \n\n')).toEqual([]);
  });
});

describe('RichText', () => {
  it('renders markup as text, never as elements', () => {
    const hostile =
      '<script>window.hacked = true</script>\n- <img src=x onerror="alert(1)">\n\n<b>bold</b> & "quotes"';
    const { container } = render(<RichText text={hostile} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<script>window.hacked = true</script>');
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.textContent).toContain('<b>bold</b> & "quotes"');
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('renders paragraphs with line breaks and bullet lists', () => {
    const { container } = render(<RichText text={'Baris satu\nBaris dua\n\n- A\n- B'} />);
    expect(container.querySelectorAll('p')).toHaveLength(1);
    expect(container.querySelectorAll('br')).toHaveLength(1);
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['A', 'B']);
  });
});
