import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import { SCREENSHOTS } from './browser.ts';

/**
 * The screenshots kept in the repository (the README shows them); every other one is written as
 * `*.tmp.png`, which git ignores. One list, so that a spec cannot keep one by accident.
 */
const KEPT: ReadonlySet<string> = new Set([
  // desk.e2e.ts
  'sign-in',
  'users-list',
  'new-user-error',
  // agent.e2e.ts
  'agent-hotel-search',
  'agent-hold-room',
  'agent-seat-map',
  'agent-trip-builder',
  'agent-declined',
  'agent-hold-again',
  'agent-paid',
  'agent-receipt',
  'agent-trips-list',
  'agent-trip-detail',
  'agent-keyboard-checkout',
  'agent-cancel-quote',
  'agent-hold-lost',
  // bundle-sale.e2e.ts
  'bundle-sale-paid',
  // add-to-trip.e2e.ts
  'agent-add-to-paid-trip',
  'trip-paid-twice',
  // extras.e2e.ts
  'admin-hotel-extras',
  'admin-hotel-taxes',
  // basket.e2e.ts
  'basket-1024',
  'basket-1366',
  'trip-cancel-item',
  // admin.e2e.ts
  'admin-hotel',
  'admin-flight',
  // inventory-edits.e2e.ts
  'inventory-out-of-order',
  'inventory-car-closure',
  // frontdesk.e2e.ts
  'frontdesk-today',
  'date-field-calendar-dialog',
  'tape-chart',
  // operations.e2e.ts
  'notifications-panel',
  'reports',
  'operations-backups',
  'operations-consistency',
  // trips.e2e.ts
  'trips-found-by-invoice',
  // travellers.e2e.ts
  'travellers-new-trip',
  'travellers-basket',
  // roundtrip.e2e.ts
  'agent-round-trip',
  'agent-round-trip-held',
  // server-settings.e2e.ts
  'server-fingerprint',
  'server-certificate-changed',
]);

/** Saves what the page shows as `screenshots/<name>.png` (kept) or `<name>.tmp.png`. */
export function shot(page: Page, name: string, { fullPage = true } = {}): Promise<Buffer> {
  return page.screenshot({
    path: resolve(SCREENSHOTS, `${name}${KEPT.has(name) ? '' : '.tmp'}.png`),
    fullPage,
  });
}

/** On a failure, what each open page showed, beside the kept screenshots (as `failed-*.tmp.png`). */
export function shotOnFailure(pages: () => readonly Page[]): void {
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const [i, page] of pages().entries()) {
        const suffix = i === 0 ? '' : `-${i + 1}`;
        await page.screenshot({
          path: resolve(SCREENSHOTS, `failed-${name}${suffix}.tmp.png`),
          fullPage: true,
        });
      }
    });
  });
}
