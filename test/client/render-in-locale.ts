import { vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import type { Locale } from '../../client/src/i18n/format.ts';

/**
 * Renders a page on the server in `locale`. The client's stores take their language from the
 * link (`?lang=`) when their modules load, so the modules are loaded afresh for each render,
 * with the location stubbed: `element` imports what it renders.
 */
export async function renderIn(locale: Locale, element: () => Promise<ReactElement>): Promise<string> {
  vi.resetModules();
  vi.stubGlobal('location', { search: `?lang=${locale}` });
  try {
    return renderToStaticMarkup(await element());
  } finally {
    vi.unstubAllGlobals();
  }
}

/** The text a reader sees in rendered HTML: tags dropped, no-break spaces as plain spaces, runs of space as one. */
export const pageText = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\u00a0|&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * A server render reads a zustand store's initial state (React's server snapshot), so the page's
 * store is replaced by one that answers with `state` over the store's own initial state (its other
 * members kept). Call inside `renderIn`'s element, before importing the page; `vi.doUnmock(path)` after.
 */
export function storeShowing(path: string, name: string, state: Record<string, unknown>): void {
  vi.doMock(path, async (importOriginal) => {
    const original = (await importOriginal()) as Record<string, { getInitialState?: () => object }>;
    const shown = { ...original[name].getInitialState?.(), ...state };
    const hook = (select?: (s: unknown) => unknown) => (select ? select(shown) : shown);
    return { ...original, [name]: Object.assign(hook, original[name]) };
  });
}
