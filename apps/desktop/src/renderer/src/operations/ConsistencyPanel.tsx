import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsistencyCheckResult,
  ConsistencyCheckStatus,
  ConsistencyReport,
  ConsistencyReportSummary,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { formatElapsed, formatInstant, plural } from '../ui/formats.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { LONG_OPERATION_MS, reasonOf } from './operations-queries.ts';
import { operationsKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

const CHECK_NAMES: Readonly<Record<string, string>> = {
  inventory_counts: 'Inventory counters',
  sold_items_paid: 'Sold items are paid',
  payments_match_items: 'Payments match what they paid for',
  stores_agree: 'Trips and inventory agree',
  expired_holds_released: 'Expired holds are released',
};

const STATUS_WORDS: Readonly<Record<ConsistencyCheckStatus, string>> = {
  ok: 'OK',
  repaired: 'Repaired',
  problem: 'Problem',
};

function resultInWords(r: Pick<ConsistencyReportSummary, 'ok' | 'problems' | 'repaired'>): string {
  if (r.problems === 0) return 'All consistent';
  const found = plural(r.problems, 'problem');
  if (r.ok) return `${found} found, all repaired`;
  return r.repaired > 0 ? `${found} found, ${r.repaired} repaired` : `${found} found`;
}

const TRIGGER_WORDS: Readonly<Record<ConsistencyReportSummary['trigger'], string>> = {
  admin: 'By an admin',
  schedule: 'Scheduled',
  start: 'At server start',
};
const triggerWords = (t: ConsistencyReportSummary['trigger']) => TRIGGER_WORDS[t];

/** Admin: run the consistency checker (with or without safe repairs), read its latest report and its history. */
export function ConsistencyPanel() {
  const queryClient = useQueryClient();
  const history = useQuery({
    queryKey: operationsKeys.checks,
    queryFn: async () => (await call('listConsistencyChecks')).items,
  });
  const [chosenId, setChosenId] = useState<string | null>(null);
  const shownId = chosenId ?? history.data?.[0]?.id ?? null;
  const report = useQuery({
    queryKey: operationsKeys.check(shownId ?? ''),
    queryFn: () => call('getConsistencyCheck', { params: { checkId: shownId! } }),
    enabled: shownId !== null,
  });

  const run = useMutation<ConsistencyReport, ApiError, boolean>({
    // The answer is the run's report, when every check is done.
    mutationFn: (repair) =>
      call('runConsistencyCheck', {
        body: { repair },
        idempotencyKey: newIdempotencyKey(),
        timeout: LONG_OPERATION_MS,
      }),
    onSuccess: (r) => {
      queryClient.setQueryData(operationsKeys.check(r.id), r);
      setChosenId(r.id);
      void queryClient.invalidateQueries({ queryKey: operationsKeys.checks, exact: true });
    },
  });

  return (
    <div className="operations-panel">
      <div className="toolbar">
        <p className="muted">
          Checks the five stores against each other. “Run and repair” also repairs what is safe: counters
          recounted from their holds, holds released, unfinished payments finished. Money is only reported.
        </p>
        <div className="toolbar-buttons">
          <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate(false)}>
            Run check
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={run.isPending}
            onClick={() => run.mutate(true)}
          >
            Run and repair
          </button>
        </div>
      </div>
      <p role="status" className={run.isPending ? 'notice' : 'visually-hidden'}>
        {run.isPending ? (run.variables ? 'Checking and repairing the stores…' : 'Checking the stores…') : ''}
      </p>
      {run.isError ? (
        <p className="form-error" role="alert">
          The check could not run: {reasonOf(run.error)}
        </p>
      ) : null}

      {history.isPending ? <p className="muted">Loading reports…</p> : null}
      {history.isError ? <LoadError error={history.error} retry={() => void history.refetch()} /> : null}
      {history.data && history.data.length === 0 && !run.isPending ? (
        <p className="empty-state">No check has run yet. Run one now; the server also runs one every day.</p>
      ) : null}

      {shownId !== null && report.isPending ? <p className="muted">Loading the report…</p> : null}
      {report.isError ? <LoadError error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data ? (
        <ReportView report={report.data} latest={report.data.id === history.data?.[0]?.id} />
      ) : null}

      {history.data && history.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption>Past runs</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Run</th>
                <th scope="col">Mode</th>
                <th scope="col">Result</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((r) => (
                <tr key={r.id} className={r.id === shownId ? 'row-selected' : undefined}>
                  <td>{formatInstant(r.startedAt)}</td>
                  <td>{triggerWords(r.trigger)}</td>
                  <td>{r.repair ? 'Check and repair' : 'Check only'}</td>
                  <td>
                    <span
                      className={`status-badge status-${r.ok ? (r.problems ? 'repaired' : 'ok') : 'problem'}`}
                    >
                      {r.ok ? (r.problems ? 'Repaired' : 'OK') : 'Problems'}
                    </span>{' '}
                    {resultInWords(r)}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Show the report of ${formatInstant(r.startedAt)}`}
                      aria-pressed={r.id === shownId}
                      onClick={() => setChosenId(r.id)}
                    >
                      Show
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function ReportView({ report, latest }: { report: ConsistencyReport; latest: boolean }) {
  const problems = report.checks.reduce((n, c) => n + c.problems, 0);
  const repaired = report.checks.reduce((n, c) => n + c.repaired, 0);
  return (
    <section className="panel consistency-report" aria-labelledby={`report-${report.id}`}>
      <h2 id={`report-${report.id}`}>
        {latest ? 'Latest report' : 'Report'}: {resultInWords({ ok: report.ok, problems, repaired })}
      </h2>
      <p className="muted">
        {triggerWords(report.trigger)}, {report.repair ? 'check and repair' : 'check only'},{' '}
        {formatInstant(report.startedAt)}; took {formatElapsed(report.startedAt, report.finishedAt)}.
      </p>
      <ul className="check-list">
        {report.checks.map((c) => (
          <CheckView key={c.name} check={c} />
        ))}
      </ul>
    </section>
  );
}

/** The server's sentence, without the check's name again when it starts with it ("Inventory counters: …"). */
function withoutName(title: string, name: string): string {
  if (!title.toLowerCase().startsWith(`${name.toLowerCase()}:`)) return title;
  const rest = title.slice(name.length + 1).trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function CheckView({ check }: { check: ConsistencyCheckResult }) {
  const headingId = `check-${check.name}`;
  const name = CHECK_NAMES[check.name] ?? check.name;
  return (
    <li className="check-item" aria-labelledby={headingId}>
      <div className="check-head">
        <h3 id={headingId}>{name}</h3>
        <span className={`status-badge status-${check.status}`}>{STATUS_WORDS[check.status]}</span>
      </div>
      <p className="check-title">{withoutName(check.title, name)}</p>
      <p className="check-counts">
        {plural(check.checked, 'record')} checked · {plural(check.problems, 'problem')} · {check.repaired}{' '}
        repaired
      </p>
      {check.details.length > 0 ? (
        <ul className="check-details" aria-label={`${name}: problems`}>
          {check.details.map((d, i) => (
            <li key={`${d.store}-${d.entity}-${d.id}-${i}`}>
              <span className="mono">
                {d.store} · {d.entity} {d.id}
              </span>
              : {d.message}
              {d.repaired ? <span className="tag">repaired</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {check.truncated ? (
        <p className="muted">{plural(check.problems - check.details.length, 'more problem')} not listed.</p>
      ) : null}
    </li>
  );
}
