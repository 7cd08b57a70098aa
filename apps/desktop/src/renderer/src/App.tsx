import { useState } from 'react';
import type { TripdeskBridge } from '../../bridge/bridge.d.ts';
import { ConnectionBanner } from './connection/ConnectionBanner.tsx';
import { ServerSettingsScreen } from './server-settings/ServerSettingsScreen.tsx';
import { useSession } from './session/session-store.ts';
import { AppShell } from './shell/AppShell.tsx';
import { SignInScreen } from './sign-in/SignInScreen.tsx';
import { ChooseNewPasswordScreen } from './account/ChooseNewPasswordScreen.tsx';

export interface AppProps {
  /** The desktop bridge, or null in a browser. */
  readonly desktop: TripdeskBridge | null;
  /** The server the renderer talks to; null only in the desktop app before the first run sets it. */
  readonly serverUrl: string | null;
  /** After the server address is saved: reload, so the new security policy admits the new server. */
  readonly reload: () => void;
}

export function App({ desktop, serverUrl, reload }: AppProps) {
  const token = useSession((s) => s.token);
  const user = useSession((s) => s.user);
  const [changingServer, setChangingServer] = useState(false);

  if (desktop && (serverUrl === null || changingServer)) {
    return (
      <ServerSettingsScreen
        bridge={desktop}
        currentUrl={serverUrl}
        onSaved={reload}
        onCancel={serverUrl === null ? undefined : () => setChangingServer(false)}
      />
    );
  }
  const changeServer = desktop ? () => setChangingServer(true) : undefined;
  return (
    <>
      <ConnectionBanner onChangeServer={changeServer} desktop={desktop} />
      {token && user?.mustChangePassword ? (
        <ChooseNewPasswordScreen user={user} token={token} />
      ) : token && user ? (
        <AppShell key={user.id} user={user} />
      ) : (
        <SignInScreen onChangeServer={changeServer} />
      )}
    </>
  );
}
