import type { ServerCertificate } from '../../../bridge/bridge.d.ts';
import { Fingerprint } from './Fingerprint.tsx';
import { formatLongDateOfInstant } from '../ui/formats.ts';

/** The certificate the test saw: fingerprint, subject, expiry, and who vouches for it. */
export function CertificateFacts({ certificate }: { readonly certificate: ServerCertificate }) {
  const expired = new Date(certificate.validTo).getTime() < Date.now();
  return (
    <dl className="facts cert-facts">
      <div>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <Fingerprint value={certificate.fingerprint256} />
        </dd>
      </div>
      <div>
        <dt>Issued to</dt>
        <dd>{certificate.subject || 'No name'}</dd>
      </div>
      <div>
        <dt>{expired ? 'Expired' : 'Expires'}</dt>
        <dd className={expired ? 'result-bad' : undefined}>{formatLongDateOfInstant(certificate.validTo)}</dd>
      </div>
    </dl>
  );
}
