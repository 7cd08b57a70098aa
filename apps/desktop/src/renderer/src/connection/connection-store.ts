import { create } from 'zustand';

export type ConnectionStatus = 'unknown' | 'reachable' | 'degraded' | 'unreachable';

interface ConnectionState {
  /** Origin of the Tripdesk server this renderer talks to. */
  readonly serverUrl: string;
  readonly status: ConnectionStatus;
  /** Stores the server reports as down while `degraded`. */
  readonly failingStores: readonly string[];
  readonly checking: boolean;
  setServerUrl(serverUrl: string): void;
  report(status: ConnectionStatus, failingStores?: readonly string[]): void;
  setChecking(checking: boolean): void;
}

/** Whether the server answers; drives the "Cannot reach the server" banner. */
export const useConnection = create<ConnectionState>()((set) => ({
  serverUrl: '',
  status: 'unknown',
  failingStores: [],
  checking: false,
  setServerUrl: (serverUrl) => set({ serverUrl }),
  report: (status, failingStores = []) => set({ status, failingStores }),
  setChecking: (checking) => set({ checking }),
}));
