import type { Page } from 'playwright-core';

/**
 * The accessible name of the focused element, roughly as a screen reader says it: its aria-label, the
 * label of a form field, or its text.
 */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled;
    const input = el as HTMLInputElement;
    if (input.labels && input.labels.length > 0) return input.labels[0]!.textContent ?? '';
    // Text hidden from assistive technology (a tab's shortcut hint) is not part of the name.
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return copy.textContent ?? '';
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (name.test((await focusedName(page)).trim())) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; focus is on "${await focusedName(page)}"`);
}
