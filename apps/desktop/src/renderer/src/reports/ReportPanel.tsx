import { useId } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { downloadCsv, type ReportName, type ReportPeriod } from './report-queries.ts';

export function ReportPanel<T>({
  title,
  name,
  period,
  query,
  children,
}: {
  title: string;
  name: ReportName;
  period: ReportPeriod;
  query: { data: T | undefined; isPending: boolean; error: ApiError | null; refetch: () => unknown };
  children: (report: T) => React.ReactNode;
}) {
  const id = useId();
  const download = useMutation<string, ApiError>({ mutationFn: () => downloadCsv(name, period) });
  return (
    <section className="report-panel" aria-labelledby={id}>
      <div className="report-panel-header">
        <h2 id={id}>{title}</h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => download.mutate()}
          disabled={download.isPending}
          aria-label={`Download ${title.toLowerCase()} as CSV`}
        >
          {download.isPending ? 'Downloading…' : 'Download CSV'}
        </button>
      </div>
      {download.isError ? (
        <p className="field-error" role="alert">
          The CSV could not be downloaded: {download.error.message}
        </p>
      ) : null}
      {query.error ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : query.isPending || query.data === undefined ? (
        <p aria-busy="true">Loading {title.toLowerCase()}…</p>
      ) : (
        children(query.data)
      )}
    </section>
  );
}
