import { useId, useState, type FormEvent } from 'react';
import type { ServerTestResult, TripdeskBridge } from '../../../bridge/bridge.d.ts';

const STORE_LABELS: Readonly<Record<string, string>> = {
  users: 'Users and sign-in',
  hotels: 'Hotels',
  flights: 'Flights',
  cars: 'Cars',
  payments: 'Trips and payments',
};

interface Props {
  readonly bridge: TripdeskBridge;
  readonly currentUrl: string | null;
  /** Called once the address is saved; the app reloads so its security policy admits the new server. */
  readonly onSaved: () => void;
  readonly onCancel?: () => void;
}

/** Desktop only: where the Tripdesk server is. Shown on first run and from "Change server". */
export function ServerSettingsScreen({ bridge, currentUrl, onSaved, onCancel }: Props) {
  const [address, setAddress] = useState(currentUrl ?? '');
  const [test, setTest] = useState<ServerTestResult | null>(null);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const hintId = useId();
  const errorId = useId();

  const runTest = async () => {
    setBusy('testing');
    setSaveError(null);
    try {
      setTest(await bridge.testServer(address));
    } finally {
      setBusy(null);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('saving');
    setSaveError(null);
    try {
      const result = await bridge.setServerUrl(address);
      if (result.ok) onSaved();
      else setSaveError(result.message);
    } finally {
      setBusy(null);
    }
  };

  const addressError =
    saveError ?? (test && !test.ok && test.reason === 'invalid_address' ? test.message : null);

  return (
    <main className="centered-page">
      <form
        className="card"
        onSubmit={(e) => void save(e)}
        noValidate
        aria-labelledby="server-settings-title"
      >
        <h1 id="server-settings-title">Connect to your Tripdesk server</h1>
        <p className="muted">
          Tripdesk keeps bookings on a server on your network. Ask your administrator for its address.
        </p>
        <div className="field">
          <label htmlFor="server-address">Server address</label>
          <input
            id="server-address"
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setTest(null);
              setSaveError(null);
            }}
            aria-invalid={addressError ? true : undefined}
            aria-describedby={addressError ? `${errorId} ${hintId}` : hintId}
          />
          <p id={hintId} className="field-hint">
            For example http://192.168.1.20:4000
          </p>
          {addressError ? (
            <p id={errorId} className="field-error">
              {addressError}
            </p>
          ) : null}
        </div>

        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy !== null}
            aria-busy={busy === 'saving'}
          >
            {busy === 'saving' ? 'Saving…' : 'Save and continue'}
          </button>
          <button type="button" className="button" onClick={() => void runTest()} disabled={busy !== null}>
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          {onCancel ? (
            <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy !== null}>
              Cancel
            </button>
          ) : null}
        </div>

        <div role="status" className="test-result">
          {test?.ok ? (
            <>
              <p className={test.status === 'ok' ? 'result-good' : 'result-warn'}>
                {test.status === 'ok'
                  ? `Connected to the Tripdesk server at ${test.serverUrl}${test.version ? ` (version ${test.version})` : ''}.`
                  : `The server at ${test.serverUrl} answers, but part of it is down.`}
              </p>
              <table className="data-table compact">
                <caption>Server health</caption>
                <thead>
                  <tr>
                    <th scope="col">Part</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(test.stores).map(([store, state]) => (
                    <tr key={store}>
                      <td>{STORE_LABELS[store] ?? store}</td>
                      <td className={state === 'ok' ? 'result-good' : 'result-bad'}>
                        {state === 'ok' ? 'OK' : state}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {test && !test.ok && test.reason !== 'invalid_address' ? (
            <p className="result-bad">{test.message}</p>
          ) : null}
        </div>
      </form>
    </main>
  );
}
