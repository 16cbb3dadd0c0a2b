// Copying text for the buyer: the Clipboard API where the browser allows it (secure
// context, permission), else the old selection-and-copy that older WebViews still support.

/** Copies `text`; false when the browser refused both ways (the buyer selects it by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    // Missing outside secure contexts and in some in-app browsers, whatever the types say.
    if (typeof navigator.clipboard?.writeText === 'function') {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback.
  }
  return copyWithSelection(text);
}

function copyWithSelection(text: string): boolean {
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '0';
  area.style.opacity = '0';
  document.body.append(area);
  area.focus();
  area.select();
  // iOS Safari selects nothing with select() alone.
  area.setSelectionRange(0, text.length);
  try {
    // Deprecated but still the only way without the Clipboard API.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus();
  }
}
