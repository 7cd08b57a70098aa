import { formatMoney, type Money, type NotificationKind } from '@tripdesk/shared';
import { describeItem } from '../paying/pay-saga.ts';
import type { OutboxEntry, OutboxItem, OutboxPayload } from '../stores/payments/outbox.ts';

/**
 * The words of each notification: a short title and body for the in-app list, and an email (subject,
 * plain text and HTML) for the customer. Built from the outbox payload alone (the trip as it was when
 * the event happened), so a retry days later says the same thing. Amounts go through the shared money
 * helpers; instants are written out in UTC; no payment card data is ever in a payload.
 */

export interface InAppMessage {
  readonly title: string;
  readonly body: string;
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const LOCALE = 'en-US';

const money = (m: Money) => formatMoney(m, LOCALE);

/** `3:35 PM UTC on Sunday, November 22, 2026`. */
export function instantInWords(at: string): string {
  const d = new Date(at);
  const time = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', timeStyle: 'short' }).format(d);
  const day = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', dateStyle: 'full' }).format(d);
  return `${time} UTC on ${day}`;
}

/** `in about 5 minutes`, from `from` to `to` (whole minutes, at least one). */
export function minutesInWords(from: string, to: string): string {
  const minutes = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  return `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/** The items a message lists: those it is about, else every item still part of the trip. */
function itemsOf(p: OutboxPayload, statuses?: readonly string[]): readonly OutboxItem[] {
  if (p.itemIds.length > 0) return p.items.filter((i) => p.itemIds.includes(i.id));
  const kept = p.items.filter((i) => (statuses ? statuses.includes(i.status) : i.status !== 'released'));
  return kept.length > 0 ? kept : p.items;
}

const asMoney = (v: unknown): Money | undefined => {
  const m = v as { amount?: unknown; currency?: unknown } | null | undefined;
  return m && typeof m.amount === 'number' && typeof m.currency === 'string'
    ? { amount: m.amount, currency: m.currency }
    : undefined;
};

const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What one kind says, as plain parts; the in-app text, the plain email and the HTML email come from it. */
interface Wording {
  readonly title: string;
  readonly body: string;
  readonly subject: string;
  /** Paragraphs of the email before the items. */
  readonly lead: readonly string[];
  readonly items: readonly OutboxItem[];
  /** Label: value lines after the items. */
  readonly facts: readonly (readonly [string, string])[];
  /** Paragraphs after the facts. */
  readonly close: readonly string[];
}

function wording(kind: NotificationKind, entry: OutboxEntry): Wording {
  const p = entry.payload;
  const { id, customerName: name } = p.trip;
  const d = p.detail;
  const total = p.trip.total ? money(p.trip.total) : undefined;
  const refund = asMoney(d.refund);
  const fee = asMoney(d.fee);
  const reason = asString(d.reason);
  switch (kind) {
    case 'trip_confirmed': {
      const paid = asMoney(d.paid);
      const invoice = asString(d.invoiceNumber);
      const amount = paid ? money(paid) : total;
      return {
        title: 'Trip confirmed',
        body: `${name}’s trip ${id} is paid and confirmed${amount ? `: ${amount}` : ''}${invoice ? `, invoice ${invoice}` : ''}.`,
        subject: `Your trip ${id} is confirmed`,
        lead: [`Thank you: your trip ${id} is paid and confirmed.`],
        items: itemsOf(p, ['confirmed', 'checked_in', 'checked_out']),
        facts: [
          ...(amount ? [['Total paid', amount] as const] : []),
          ...(invoice ? [['Invoice', invoice] as const] : []),
        ],
        close: ['We look forward to having you. Keep this email for your records.'],
      };
    }
    case 'hold_expiring': {
      const deadline = asString(d.deadline) ?? p.trip.holdExpiresAt ?? entry.createdAt;
      const when = instantInWords(deadline);
      const left = minutesInWords(entry.createdAt, deadline);
      return {
        title: 'Hold about to expire',
        body: `${name}’s trip ${id} is held until ${when} (${left}). Take payment before then or the items go back on sale.`,
        subject: `Your reservation ${id} expires ${left}`,
        lead: [
          `Your reservation ${id} is held for you until ${when}, ${left}.`,
          'Please complete the payment before then; after that the rooms, seats and cars below are released.',
        ],
        items: itemsOf(p, ['held']),
        facts: [...(total ? [['Total to pay', total] as const] : []), ['Hold expires', when]],
        close: ['If you no longer want this trip, you need not do anything.'],
      };
    }
    case 'hold_expired': {
      const whole = d.tripExpired === true;
      const items = itemsOf(p);
      return whole
        ? {
            title: 'Hold expired',
            body: `The hold on ${name}’s trip ${id} ran out before payment; its items went back on sale.`,
            subject: `Your reservation ${id} has expired`,
            lead: [`Your reservation ${id} was not paid in time, so it has expired and was released.`],
            items,
            facts: [],
            close: ['Contact us if you would like to book again; availability and prices may have changed.'],
          }
        : {
            title: 'Part of a hold expired',
            body: `Part of ${name}’s trip ${id} ran out before payment: ${items.map(describeItem).join('; ')}.`,
            subject: `Part of your reservation ${id} has expired`,
            lead: [`Part of your reservation ${id} was not paid in time and was released:`],
            items,
            facts: total ? [['Still held, to pay', total]] : [],
            close: ['The rest of your reservation is still held for you.'],
          };
    }
    case 'trip_cancelled':
      return {
        title: 'Trip cancelled',
        body: `${name}’s trip ${id} was cancelled${refund && refund.amount > 0 ? `; ${money(refund)} to refund` : ''}.`,
        subject: `Your trip ${id} has been cancelled`,
        lead: [`Your trip ${id} has been cancelled.`],
        items: itemsOf(p),
        facts: [
          ...(reason ? [['Reason', reason] as const] : []),
          ...(refund ? [['Refund', money(refund)] as const] : []),
          ...(fee && fee.amount > 0 ? [['Cancellation fee', money(fee)] as const] : []),
        ],
        close: [
          refund && refund.amount > 0
            ? 'The refund goes back to the card you paid with; we will write again once it is issued.'
            : 'Nothing was charged for it, so there is nothing to refund.',
        ],
      };
    case 'item_cancelled':
      return {
        title: 'Item cancelled',
        body: `Part of ${name}’s trip ${id} was cancelled: ${itemsOf(p).map(describeItem).join('; ')}${refund && refund.amount > 0 ? `; ${money(refund)} to refund` : ''}.`,
        subject: `Part of your trip ${id} has been cancelled`,
        lead: [`The following part of your trip ${id} has been cancelled:`],
        items: itemsOf(p),
        facts: [
          ...(reason ? [['Reason', reason] as const] : []),
          ...(refund ? [['Refund', money(refund)] as const] : []),
          ...(fee && fee.amount > 0 ? [['Cancellation fee', money(fee)] as const] : []),
        ],
        close: ['The rest of your trip is unchanged.'],
      };
    case 'refund_succeeded':
      return {
        title: 'Refund issued',
        body: `${refund ? money(refund) : 'A refund'} was refunded to ${name} for trip ${id}.`,
        subject: `Your refund for trip ${id}`,
        lead: [
          `We have refunded ${refund ? money(refund) : 'your money'} to the card you paid with for trip ${id}.`,
        ],
        items: itemsOf(p),
        facts: refund ? [['Refunded', money(refund)]] : [],
        close: ['Depending on your bank it can take a few days to show on your statement.'],
      };
  }
}

export function inAppMessage(entry: OutboxEntry): InAppMessage {
  const w = wording(entry.kind, entry);
  return { title: w.title, body: w.body };
}

export function emailMessage(entry: OutboxEntry): EmailContent {
  const w = wording(entry.kind, entry);
  const name = entry.payload.trip.customerName;
  const lines = w.items.map((i) => `- ${describeItem(i)}: ${money(i.price)}`);
  const text = [
    `Dear ${name},`,
    '',
    ...w.lead.flatMap((l) => [l, '']),
    ...(lines.length > 0 ? [...lines, ''] : []),
    ...(w.facts.length > 0 ? [...w.facts.map(([k, v]) => `${k}: ${v}`), ''] : []),
    ...w.close.flatMap((l) => [l, '']),
    `Trip reference: ${entry.payload.trip.id}`,
    '',
    'Tripdesk',
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${e(w.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">',
    `<p>Dear ${e(name)},</p>`,
    ...w.lead.map((l) => `<p>${e(l)}</p>`),
    ...(w.items.length > 0
      ? [
          '<table style="border-collapse: collapse">',
          '<thead><tr><th style="text-align: left; padding: 4px 12px 4px 0">Item</th>' +
            '<th style="text-align: right; padding: 4px 0">Price</th></tr></thead><tbody>',
          ...w.items.map(
            (i) =>
              `<tr><td style="padding: 4px 12px 4px 0">${e(describeItem(i))}</td>` +
              `<td style="text-align: right; padding: 4px 0">${e(money(i.price))}</td></tr>`,
          ),
          '</tbody></table>',
        ]
      : []),
    ...(w.facts.length > 0
      ? ['<dl>', ...w.facts.map(([k, v]) => `<dt><strong>${e(k)}</strong></dt><dd>${e(v)}</dd>`), '</dl>']
      : []),
    ...w.close.map((l) => `<p>${e(l)}</p>`),
    `<p>Trip reference: <strong>${e(entry.payload.trip.id)}</strong></p>`,
    '<p>Tripdesk</p>',
    '</body></html>',
    '',
  ].join('\n');
  return { subject: w.subject, text, html };
}
