import type { Role } from '@tripdesk/shared';

export type SectionId =
  'search' | 'trips' | 'front-desk' | 'inventory' | 'users' | 'reports' | 'operations' | 'account';

export interface Section {
  readonly label: string;
  /** What the section will do, said plainly while it waits for the booking engine. */
  readonly purpose: string;
}

export const SECTIONS: Readonly<Record<SectionId, Section>> = {
  search: {
    label: 'Search',
    purpose: 'Find free hotel rooms, flight seats and rental cars for a customer, and hold them on a trip.',
  },
  trips: {
    label: 'Trips',
    purpose: 'Every trip you may see: its holds, payment, invoice, and cancellation with refund.',
  },
  'front-desk': {
    label: 'Front desk',
    purpose:
      'Today’s arrivals, in-house guests and departures at the hotel; check-in, check-out and walk-ins.',
  },
  inventory: {
    label: 'Inventory',
    purpose: 'Hotels with their room types, flights with fare classes and seats, and rental car locations.',
  },
  users: { label: 'Users', purpose: 'Who can sign in, with which role.' },
  account: { label: 'Account', purpose: 'Your password, and where you are signed in.' },
  operations: {
    label: 'Operations',
    purpose:
      'The consistency checker with its reports, backups and restore, the audit log, and where the metrics are.',
  },
  reports: {
    label: 'Reports',
    purpose:
      'Occupancy, ADR and RevPAR, sales and refunds, conversion and failure rates, with CSV downloads.',
  },
};

const BY_ROLE: Readonly<Record<Role, readonly SectionId[]>> = {
  admin: ['trips', 'search', 'front-desk', 'inventory', 'users', 'reports', 'operations'],
  agent: ['search', 'trips'],
  frontdesk: ['front-desk', 'trips', 'reports'],
};

export function sectionsFor(role: Role): readonly SectionId[] {
  return BY_ROLE[role];
}

/** Sections every signed-in user may open from the header rather than the section tabs. */
export const HEADER_SECTIONS: readonly SectionId[] = ['account'];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  agent: 'Travel agent',
  frontdesk: 'Front desk',
};
