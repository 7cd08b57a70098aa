import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isPlainHttpToNetwork, PLAIN_HTTP_WARNING } from '../../../bridge/address-security.ts';
import type {
  ServerTestResult,
  SetServerUrlOptions,
  SetServerUrlResult,
  TripdeskBridge,
} from '../../../bridge/bridge.d.ts';
import { CertificateChanged } from './CertificateChanged.tsx';
import { ConnectionTestResult } from './ConnectionTestResult.tsx';
import './server-settings.css';

const TRUST_LABEL = 'I compared the fingerprint; trust this certificate';
const ALLOW_PLAIN_HTTP_LABEL = 'Allow an unencrypted connection on this network';

interface Props {
  readonly bridge: TripdeskBridge;
  readonly currentUrl: string | null;
  /** Called once the address is saved; the app reloads so its security policy admits the new server. */
  readonly onSaved: () => void;
  readonly onCancel?: () => void;
}

type Refusal = Extract<SetServerUrlResult, { ok: false }>;

/** Desktop only: where the Tripdesk server is. Shown on first run and from "Change server". */
export function ServerSettingsScreen({ bridge, currentUrl, onSaved, onCancel }: Props) {
  const [address, setAddress] = useState(currentUrl ?? '');
  /** An address this desk used before, offered again because it now needs confirming. */
  const [previous, setPrevious] = useState<string | null>(null);
  useEffect(() => {
    if (currentUrl !== null) return;
    let live = true;
    void bridge.getSettings().then((s) => {
      if (!live || !s.unconfirmedServerUrl) return;
      setPrevious(s.unconfirmedServerUrl);
      setAddress((typed) => (typed === '' ? s.unconfirmedServerUrl! : typed));
    });
    return () => {
      live = false;
    };
  }, [bridge, currentUrl]);
  const [test, setTest] = useState<ServerTestResult | null>(null);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [trustConfirmed, setTrustConfirmed] = useState(false);
  const [plainHttpAllowed, setPlainHttpAllowed] = useState(false);
  /** Save was pressed while a required box was still unticked. */
  const [missingConsent, setMissingConsent] = useState<'trust' | 'plain_http' | null>(null);
  const [restarting, setRestarting] = useState(false);
  const hintId = useId();
  const errorId = useId();
  const trustErrorId = useId();
  const plainErrorId = useId();
  const trustBox = useRef<HTMLInputElement>(null);
  const plainBox = useRef<HTMLInputElement>(null);
  /** A box to focus once it is rendered. */
  const focusNext = useRef<'trust' | 'plain_http' | null>(null);
  useEffect(() => {
    const which = focusNext.current;
    focusNext.current = null;
    (which === 'trust' ? trustBox : which === 'plain_http' ? plainBox : null)?.current?.focus();
  });

  const changed = test && !test.ok && test.reason === 'certificate_changed' ? test : null;
  const certificate = test?.ok ? test.tls : changed?.tls;
  // A certificate nobody vouches for yet, or one that replaced the trusted one, needs the person's word.
  const needsTrust =
    changed !== null || (certificate !== undefined && !certificate.trustedByCa && !certificate.pinned);
  const plainHttp = isPlainHttpToNetwork(address);
  // Warned after a test or a refused save, not on every keystroke of a half-typed address.
  const showPlainHttp =
    plainHttp &&
    (test !== null ||
      missingConsent === 'plain_http' ||
      refusal?.reason === 'plain_http' ||
      (previous !== null && address === previous));

  const resetAnswers = () => {
    setTest(null);
    setRefusal(null);
    setTrustConfirmed(false);
    setPlainHttpAllowed(false);
    setMissingConsent(null);
  };

  const runTest = async () => {
    setBusy('testing');
    setRefusal(null);
    setMissingConsent(null);
    setTrustConfirmed(false);
    try {
      setTest(await bridge.testServer(address));
    } finally {
      setBusy(null);
    }
  };

  /** Save needs a box ticked first: say so, and take the keyboard to it. */
  const askConsent = (which: 'trust' | 'plain_http') => {
    setMissingConsent(which);
    const box = (which === 'trust' ? trustBox : plainBox).current;
    if (box) box.focus();
    else focusNext.current = which;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy !== null || restarting) return;
    if (plainHttp && !plainHttpAllowed) {
      askConsent('plain_http');
      return;
    }
    if (needsTrust && !trustConfirmed) {
      askConsent('trust');
      return;
    }
    setMissingConsent(null);
    const options: SetServerUrlOptions = {
      ...(needsTrust && certificate ? { pinFingerprint: certificate.fingerprint256 } : {}),
      ...(plainHttp ? { allowPlainHttp: true } : {}),
    };
    setBusy('saving');
    setRefusal(null);
    try {
      const result = await bridge.setServerUrl(address, options);
      if (!result.ok) setRefusal(result);
      else if (result.restarting) setRestarting(true);
      else onSaved();
    } finally {
      setBusy(null);
    }
  };

  const addressRefusal =
    refusal && (refusal.reason === undefined || refusal.reason === 'invalid_address')
      ? refusal.message
      : null;
  const addressError =
    addressRefusal ?? (test && !test.ok && test.reason === 'invalid_address' ? test.message : null);
  // Refusals about the certificate or the network are said below, with what to do about them.
  const formRefusal =
    refusal && addressRefusal === null && refusal.reason !== 'plain_http' ? refusal.message : null;

  const trustBoxField = (
    <div className="consent">
      <label className="checkbox-line">
        <input
          ref={trustBox}
          type="checkbox"
          checked={trustConfirmed}
          onChange={(e) => {
            setTrustConfirmed(e.target.checked);
            if (e.target.checked) setMissingConsent(null);
          }}
          aria-invalid={missingConsent === 'trust' ? true : undefined}
          aria-describedby={missingConsent === 'trust' ? trustErrorId : undefined}
        />
        {TRUST_LABEL}
      </label>
      {missingConsent === 'trust' ? (
        <p id={trustErrorId} className="field-error" role="alert">
          Compare the fingerprint, then tick “{TRUST_LABEL}” to save this server.
        </p>
      ) : null}
    </div>
  );

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
        {previous !== null && address === previous ? (
          <p className="result-warn" role="status">
            This desk used {previous} before. It is not encrypted, so it now needs your confirmation below (or
            an https:// address from your administrator).
          </p>
        ) : null}
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
              resetAnswers();
            }}
            aria-invalid={addressError ? true : undefined}
            aria-describedby={addressError ? `${errorId} ${hintId}` : hintId}
          />
          <p id={hintId} className="field-hint">
            For example https://192.168.1.20:4000
          </p>
          {addressError ? (
            <p id={errorId} className="field-error">
              {addressError}
            </p>
          ) : null}
        </div>

        <ConnectionTestResult test={test} certificate={certificate} />

        {needsTrust && !changed ? trustBoxField : null}

        {changed ? <CertificateChanged changed={changed}>{trustBoxField}</CertificateChanged> : null}

        {showPlainHttp ? (
          <div className="notice consent" role="alert">
            <p>{PLAIN_HTTP_WARNING}</p>
            <label className="checkbox-line">
              <input
                ref={plainBox}
                type="checkbox"
                checked={plainHttpAllowed}
                onChange={(e) => {
                  setPlainHttpAllowed(e.target.checked);
                  if (e.target.checked) setMissingConsent(null);
                }}
                aria-invalid={missingConsent === 'plain_http' ? true : undefined}
                aria-describedby={missingConsent === 'plain_http' ? plainErrorId : undefined}
              />
              {ALLOW_PLAIN_HTTP_LABEL}
            </label>
            {missingConsent === 'plain_http' ? (
              <p id={plainErrorId} className="field-error">
                Use an https:// address, or tick “{ALLOW_PLAIN_HTTP_LABEL}” to save this one.
              </p>
            ) : null}
          </div>
        ) : null}

        {formRefusal ? (
          <p className="form-error" role="alert">
            {formRefusal}
          </p>
        ) : null}
        {restarting ? (
          <p className="notice notice-good" role="status">
            Saved. Tripdesk restarts now to use the certificate you trusted.
          </p>
        ) : null}

        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy !== null || restarting}
            aria-busy={busy === 'saving'}
          >
            {busy === 'saving' ? 'Saving…' : 'Save and continue'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void runTest()}
            disabled={busy !== null || restarting}
          >
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          {onCancel ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={onCancel}
              disabled={busy !== null || restarting}
            >
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </main>
  );
}
