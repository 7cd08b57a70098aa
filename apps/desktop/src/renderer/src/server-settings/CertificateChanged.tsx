import type { ReactNode } from 'react';
import type { ServerTestResult } from '../../../bridge/bridge.d.ts';
import { formatLongDateOfInstant } from '../ui/formats.ts';
import { Fingerprint } from './Fingerprint.tsx';

/** The certificate is not the one this desk trusts: both fingerprints side by side, and the consent. */
export function CertificateChanged({
  changed,
  children,
}: {
  readonly changed: Extract<ServerTestResult, { reason: 'certificate_changed' }>;
  readonly children: ReactNode;
}) {
  return (
    <section className="cert-changed" role="alert" aria-labelledby="cert-changed-title">
      <h2 id="cert-changed-title">The server’s certificate has changed</h2>
      <p>{changed.message}</p>
      <dl className="facts cert-facts">
        <div>
          <dt>Trusted until now</dt>
          <dd>
            <Fingerprint value={changed.pinned} />
          </dd>
        </div>
        <div>
          <dt>Presented now</dt>
          <dd>
            <Fingerprint value={changed.presented} />
          </dd>
        </div>
        <div>
          <dt>Issued to</dt>
          <dd>{changed.tls.subject || 'No name'}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{formatLongDateOfInstant(changed.tls.validTo)}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
