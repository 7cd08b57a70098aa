import type { LocalTestPaymentMethod } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';

/**
 * The payment methods the checkout offers. With the server's `local` gateway these are Stripe's test
 * payment methods (no money moves); each is named as the card it stands for. A new test method in
 * packages/shared fails the type check here until it has a name.
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<LocalTestPaymentMethod, string>> = {
  pm_card_visa: 'Visa •••• 4242 (test)',
  pm_card_mastercard: 'Mastercard •••• 4444 (test)',
  pm_card_visa_chargeDeclined: 'Declined card (test)',
  pm_card_visa_chargeDeclinedInsufficientFunds: 'Card with insufficient funds (test)',
  pm_card_chargeDeclinedExpiredCard: 'Expired card (test)',
};

export const PAYMENT_METHOD_ORDER = Object.keys(TEST_PAYMENT_METHODS) as LocalTestPaymentMethod[];

/** The bank's reason for a decline, as the clerk says it to the customer. */
const DECLINE_WORDS: Readonly<Record<string, string>> = {
  insufficient_funds: 'Declined: insufficient funds.',
  expired_card: 'Declined: the card has expired.',
  generic_decline: 'Declined by the card’s bank.',
  card_declined: 'Declined by the card’s bank.',
  do_not_honor: 'Declined by the card’s bank.',
  incorrect_cvc: 'Declined: the security code is wrong.',
  incorrect_number: 'Declined: the card number is wrong.',
  card_velocity_exceeded: 'Declined: the card’s limit is reached.',
  withdrawal_count_limit_exceeded: 'Declined: the card’s limit is reached.',
  processing_error: 'The card could not be processed.',
  // Lost or stolen cards are not named as such in front of the customer.
  lost_card: 'Declined by the card’s bank.',
  stolen_card: 'Declined by the card’s bank.',
  fraudulent: 'Declined by the card’s bank.',
};

/** A decline code in words: `insufficient_funds` → `Declined: insufficient funds.` */
export function declineWordsFor(declineCode: string): string {
  return DECLINE_WORDS[declineCode] ?? 'Declined by the card’s bank.';
}

/** `Declined: insufficient funds. Ask for another card.` from a 402's `declineCode`. */
export function declineWords(error: ApiError): string {
  const code = error.extensions?.declineCode;
  return `${typeof code === 'string' ? declineWordsFor(code) : 'Declined.'} Ask for another card.`;
}

/**
 * Whether a failed payment request ended the attempt. A lost answer, a timeout, a server error or a
 * request still in flight leave it open: it may have gone through, so a retry sends the same key and
 * gets the first outcome instead of paying twice.
 */
export function endsAttempt(error: ApiError): boolean {
  const open: readonly string[] = [
    'network_error',
    'timeout',
    'idempotency_conflict',
    'internal_error',
    'service_unavailable',
    'unexpected_response',
    'contract_mismatch',
    'rate_limited',
  ];
  return !open.includes(error.code);
}
