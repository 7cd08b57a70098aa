import type { ServerCertificate, ServerTestResult } from '../../../bridge/bridge.d.ts';
import { CertificateFacts } from './CertificateFacts.tsx';

const STORE_LABELS: Readonly<Record<string, string>> = {
  users: 'Users and sign-in',
  hotels: 'Hotels',
  flights: 'Flights',
  cars: 'Cars',
  payments: 'Trips and payments',
};

/** What testing the address found: the server's health, its certificate and who vouches for it. */
export function ConnectionTestResult({
  test,
  certificate,
}: {
  readonly test: ServerTestResult | null;
  readonly certificate: ServerCertificate | undefined;
}) {
  return (
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
          {certificate ? (
            <section className="cert" aria-label="Server certificate">
              <h2 className="cert-title">Certificate</h2>
              <CertificateFacts certificate={certificate} />
              {certificate.trustedByCa ? (
                <p className="result-good">
                  Signed by {certificate.issuer}, an authority this computer trusts.
                </p>
              ) : certificate.pinned ? (
                <p className="result-good">This is the certificate this desk already trusts.</p>
              ) : (
                <p className="notice">
                  No authority this computer trusts vouches for this certificate (it is self-signed). Compare
                  this fingerprint with the one the server printed when it started (ask your administrator).
                </p>
              )}
            </section>
          ) : null}
        </>
      ) : null}
      {test && !test.ok && test.reason !== 'invalid_address' && test.reason !== 'certificate_changed' ? (
        <p className="result-bad">{test.message}</p>
      ) : null}
    </div>
  );
}
