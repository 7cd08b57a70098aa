import type { Role } from '@tripdesk/shared';

/** The demo users, one per role; their passwords are printed in the README. Demo only. */
export const DEMO_USERS: ReadonlyArray<{ email: string; password: string; name: string; role: Role }> = [
  { email: 'admin@demo.tripdesk.test', password: 'demo-admin-2026', name: 'Alex Admin', role: 'admin' },
  { email: 'agent@demo.tripdesk.test', password: 'demo-agent-2026', name: 'Ana Agent', role: 'agent' },
  { email: 'desk@demo.tripdesk.test', password: 'demo-desk-2026', name: 'Dev Desk', role: 'frontdesk' },
];
