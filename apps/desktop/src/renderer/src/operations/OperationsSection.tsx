import { useId, useState } from 'react';
import { tabPanelProps, Tabs } from '../ui/Tabs.tsx';
import { useConnection } from '../connection/connection-store.ts';
import { BackupsPanel } from './BackupsPanel.tsx';
import { ConsistencyPanel } from './ConsistencyPanel.tsx';
import { AuditLogPanel } from './AuditLogPanel.tsx';
import './operations.css';

type OperationsTab = 'consistency' | 'backups' | 'audit';
const TABS: readonly { id: OperationsTab; label: string }[] = [
  { id: 'consistency', label: 'Consistency' },
  { id: 'backups', label: 'Backups' },
  { id: 'audit', label: 'Audit log' },
];

/**
 * Admin: keeping the server healthy. The consistency checker, backups and restore, the audit log of
 * admin actions, where metrics are.
 */
export function OperationsSection() {
  const [tab, setTab] = useState<OperationsTab>('consistency');
  const idBase = useId();
  const serverUrl = useConnection((s) => s.serverUrl);
  return (
    <section className="section section-wide operations" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Operations</h1>
      </div>
      <p className="muted">
        Metrics for monitoring are at{' '}
        <span className="mono">{serverUrl ? `${serverUrl}/metrics` : '/metrics'}</span> on the server, in
        Prometheus text format.
      </p>
      <Tabs idBase={idBase} label="Operations" tabs={TABS} selected={tab} onSelect={setTab} />
      <div {...tabPanelProps(idBase, tab)}>
        {tab === 'consistency' ? (
          <ConsistencyPanel />
        ) : tab === 'backups' ? (
          <BackupsPanel />
        ) : (
          <AuditLogPanel />
        )}
      </div>
    </section>
  );
}
