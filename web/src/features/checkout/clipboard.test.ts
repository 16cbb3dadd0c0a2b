import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';

describe('copyText', () => {
  afterEach(() => {
    Reflect.deleteProperty(window.navigator, 'clipboard');
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('uses the Clipboard API when the browser has it', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } });
    await expect(copyText('CODE-1')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('CODE-1');
  });

  it('falls back to selecting and copying, and gives the focus back', async () => {
    const execCommand = vi.fn((command: string) => {
      const selected = document.activeElement as HTMLTextAreaElement;
      return command === 'copy' && selected.value === 'email: a@b.c\npassword: x';
    });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();

    await expect(copyText('email: a@b.c\npassword: x')).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(document.querySelector('textarea')).toBeNull();
    expect(button).toHaveFocus();
    button.remove();
  });

  it('reports failure when neither way works', async () => {
    Object.defineProperty(window.navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    await expect(copyText('CODE-1')).resolves.toBe(false);
  });
});
