import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { UserSchema, type User } from '@tripdesk/shared';

/** Why the sign-in screen is showing, when it is not the first visit. */
export type SessionNotice = 'session_ended' | null;

interface SessionState {
  readonly token: string | null;
  readonly user: User | null;
  readonly notice: SessionNotice;
  start(token: string, user: User): void;
  /** Forgets the token; `session_ended` tells the sign-in screen to say so. */
  end(notice?: SessionNotice): void;
}

/**
 * Who is signed in. Kept in sessionStorage: a reload keeps the clerk signed in, closing the window
 * (or the browser tab) does not.
 */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      user: null,
      notice: null,
      start: (token, user) => set({ token, user, notice: null }),
      end: (notice = null) => set({ token: null, user: null, notice }),
    }),
    {
      name: 'tripdesk.session',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ token, user }) => ({ token, user }),
      merge: (stored, current) => {
        const s = (stored ?? {}) as { token?: unknown; user?: unknown };
        const user = UserSchema.safeParse(s.user);
        return typeof s.token === 'string' && user.success
          ? { ...current, token: s.token, user: user.data }
          : current;
      },
    },
  ),
);
