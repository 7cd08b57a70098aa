import { useId, useState } from 'react';

export interface ChartSeries {
  readonly name: string;
  /** One value per category; null for "no figure". */
  readonly values: readonly (number | null)[];
  /** A CSS class giving the bars their colour (reports/reports.css). */
  readonly tone: string;
}

/** "Sales by day, USD" → "sales by day, USD": inside a sentence, names keep their capitals. */
const inSentence = (title: string) => title.charAt(0).toLowerCase() + title.slice(1);

/** Up to this many categories each get their label under the bar; more get the first and the last. */
const LABEL_EVERY_UP_TO = 10;

/**
 * A small bar chart drawn as SVG (no chart library: a few dozen bars need none), stacked or grouped.
 * The drawing is decorative for assistive technology: the figure is labelled by its title and
 * summary, and the same numbers are one click away as a table.
 */
export function BarChart({
  title,
  summary,
  categories,
  series,
  stacked = false,
  format,
  max,
}: {
  title: string;
  /** Says the gist in words: the chart's text alternative. */
  summary: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  stacked?: boolean;
  format: (value: number) => string;
  /** Top of the scale; default the largest bar. */
  max?: number;
}) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const width = 640;
  const height = 180;
  const pad = { left: 4, right: 4, top: 8, bottom: 4 };
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((s, x) => s + (x.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((x) => x.values[i] ?? 0)),
  );
  const top = max ?? Math.max(1e-9, ...totals);
  const slot = (width - pad.left - pad.right) / Math.max(1, categories.length);
  const barWidth = stacked ? slot * 0.7 : (slot * 0.8) / Math.max(1, series.length);
  const scale = (v: number) => ((height - pad.top - pad.bottom) * v) / top;
  const name = inSentence(title);

  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <figcaption>
        <span id={`${id}-title`} className="report-chart-title">
          {title}
        </span>
        <span id={`${id}-summary`} className="report-chart-summary">
          {summary}
        </span>
      </figcaption>
      <ul className="report-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span className={`report-swatch ${s.tone}`} /> {s.name}
          </li>
        ))}
      </ul>
      <div className="report-chart-plot" aria-hidden="true">
        {/* The top of the scale, so a short bar reads as small rather than as the largest. */}
        <span className="report-chart-top">{format(top)}</span>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="report-chart-svg"
          aria-hidden="true"
          focusable="false"
        >
          <line x1={0} x2={width} y1={pad.top} y2={pad.top} className="report-gridline" />
          <line x1={0} x2={width} y1={height - pad.bottom} y2={height - pad.bottom} className="report-axis" />
          {categories.map((category, i) => {
            let stackTop = height - pad.bottom;
            return (
              <g key={category}>
                {series.map((s, j) => {
                  const value = s.values[i] ?? 0;
                  const h = scale(value);
                  const x = stacked
                    ? pad.left + slot * i + (slot - barWidth) / 2
                    : pad.left + slot * i + slot * 0.1 + barWidth * j;
                  const y = stacked ? stackTop - h : height - pad.bottom - h;
                  if (stacked) stackTop -= h;
                  return (
                    <rect
                      key={s.name}
                      x={x}
                      y={y}
                      width={Math.max(1, barWidth - 1)}
                      height={h}
                      className={s.tone}
                    >
                      <title>{`${category}, ${s.name}: ${format(value)}`}</title>
                    </rect>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      {categories.length <= LABEL_EVERY_UP_TO ? (
        <ol
          className="report-chart-categories"
          aria-hidden="true"
          style={{ gridTemplateColumns: `repeat(${Math.max(1, categories.length)}, 1fr)` }}
        >
          {categories.map((category) => (
            <li key={category}>{category}</li>
          ))}
        </ol>
      ) : (
        <div className="report-chart-axis-labels" aria-hidden="true">
          <span>{categories[0]}</span>
          <span>{categories.at(-1)}</span>
        </div>
      )}
      <button
        type="button"
        className="link-button"
        aria-expanded={showTable}
        aria-controls={`${id}-table`}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? `Hide the table of ${name}` : `Show ${name} as a table`}
      </button>
      {showTable ? (
        <table id={`${id}-table`} className="data-table report-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col" />
              {series.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, i) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => {
                  const v = s.values[i];
                  return (
                    <td key={s.name} className="num">
                      {v === null || v === undefined ? '—' : format(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  );
}
