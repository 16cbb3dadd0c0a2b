import { useEffect } from 'react';

/** Sets the tab title as "<page> · <shop>" (or just the shop name). */
export function useDocumentTitle(pageTitle: string | undefined, shopName: string): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${shopName}` : shopName;
  }, [pageTitle, shopName]);
}
