import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SeatMap as SeatMapData } from '@tripdesk/shared';
import { blockOf, cabinLayout, type SeatCell } from './seat-layout.ts';
import './SeatMap.css';

export interface SeatMapProps {
  /** The seats of one fare class, with their status. */
  readonly seats: SeatMapData['seats'];
  /** Chosen seats in passenger order: the first is passenger 1's. */
  readonly selected: readonly string[];
  /** How many seats may be chosen: one per passenger. */
  readonly max: number;
  readonly onChange: (selected: string[]) => void;
  /** Names the grid, e.g. `Seat map, Economy`. */
  readonly label: string;
}

const STATUS_WORDS = { available: 'free', held: 'taken', booked: 'taken' } as const;

/**
 * The cabin as a grid of seats. One Tab stop: the arrow keys move between seats (Home/End along a row,
 * Page Up/Down five rows), Enter or Space chooses or frees the seat. Taken seats can be reached, so
 * they are read out as taken, but not chosen. With one passenger, choosing another seat moves them.
 */
export function SeatMap({ seats, selected, max, onChange, label }: SeatMapProps) {
  const layout = useMemo(() => cabinLayout(seats), [seats]);
  const legendId = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [active, setActive] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const all = layout.rows.flatMap((r) => r.cells.filter((c): c is SeatCell => c !== null));
  const fallback = selected[0] ?? all.find((c) => c.status === 'available')?.seat ?? all[0]?.seat ?? null;
  const focusable = active !== null && all.some((c) => c.seat === active) ? active : fallback;

  const toggle = (cell: SeatCell) => {
    if (selected.includes(cell.seat)) {
      onChange(selected.filter((s) => s !== cell.seat));
      setNotice(`Seat ${cell.seat} freed.`);
      return;
    }
    if (cell.status !== 'available') {
      setNotice(`Seat ${cell.seat} is taken. Choose another seat.`);
      return;
    }
    if (selected.length >= max) {
      if (max === 1) {
        onChange([cell.seat]);
        setNotice(`Seat ${cell.seat} chosen instead of ${selected[0]}.`);
      } else {
        setNotice(`Every passenger has a seat. Free one of them first.`);
      }
      return;
    }
    onChange([...selected, cell.seat]);
    setNotice(`Seat ${cell.seat} chosen for passenger ${selected.length + 1}.`);
  };

  const moveTo = (seat: string | undefined) => {
    if (!seat) return;
    setActive(seat);
    buttons.current.get(seat)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = all.find((c) => c.seat === focusable);
    if (!from) return;
    const rowIndex = layout.rows.findIndex((r) => r.row === from.row);
    const column = layout.letters.indexOf(from.letter);
    const row = layout.rows[rowIndex];
    const inRow = (r: number, pick: (cells: SeatCell[]) => SeatCell | undefined) => {
      const cells = layout.rows[r]?.cells.filter((c): c is SeatCell => c !== null) ?? [];
      return pick(cells)?.seat;
    };
    /** The same column in the row `step` rows away, or the nearest seat of that row. */
    const vertical = (step: number) => {
      const target = Math.max(0, Math.min(layout.rows.length - 1, rowIndex + step));
      const cells = layout.rows[target]?.cells ?? [];
      const same = cells[column];
      if (same) return same.seat;
      return inRow(target, (list) =>
        list.reduce<SeatCell | undefined>(
          (best, c) =>
            best === undefined ||
            Math.abs(layout.letters.indexOf(c.letter) - column) <
              Math.abs(layout.letters.indexOf(best.letter) - column)
              ? c
              : best,
          undefined,
        ),
      );
    };
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = row?.cells.slice(column + 1).find((c) => c !== null)?.seat;
        break;
      case 'ArrowLeft':
        next = row?.cells
          .slice(0, column)
          .reverse()
          .find((c) => c !== null)?.seat;
        break;
      case 'ArrowDown':
        next = vertical(1);
        break;
      case 'ArrowUp':
        next = vertical(-1);
        break;
      case 'PageDown':
        next = vertical(5);
        break;
      case 'PageUp':
        next = vertical(-5);
        break;
      case 'Home':
        next = event.ctrlKey ? all[0]?.seat : inRow(rowIndex, (list) => list[0]);
        break;
      case 'End':
        next = event.ctrlKey ? all.at(-1)?.seat : inRow(rowIndex, (list) => list.at(-1));
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(next);
  };

  if (all.length === 0) return <p className="muted">This fare class has no seats on the seat map.</p>;

  return (
    <div className="seat-map-wrap">
      <ul id={legendId} className="seat-legend" aria-label="Seat map key">
        <li>
          <span className="seat-swatch seat-free" aria-hidden="true" /> Free
        </li>
        <li>
          <span className="seat-swatch seat-taken" aria-hidden="true" /> Taken
        </li>
        <li>
          <span className="seat-swatch seat-chosen" aria-hidden="true" /> Chosen
        </li>
        <li className="muted">Arrow keys move between seats; Enter or Space chooses.</li>
      </ul>
      <div
        role="grid"
        aria-label={label}
        aria-describedby={legendId}
        className="seat-map"
        onKeyDown={onKeyDown}
      >
        <div role="row" className="seat-row seat-row-head">
          <span role="columnheader" className="seat-rowhead">
            <span className="visually-hidden">Row</span>
          </span>
          {layout.letters.map((letter, i) => (
            <span
              key={letter}
              role="columnheader"
              className={
                i > 0 && blockOf(layout, i) !== blockOf(layout, i - 1) ? 'seat-col aisle-before' : 'seat-col'
              }
            >
              {letter}
            </span>
          ))}
        </div>
        {layout.rows.map((row) => (
          <div role="row" className="seat-row" key={row.row}>
            <span role="rowheader" className="seat-rowhead">
              {row.row}
            </span>
            {row.cells.map((cell, i) => {
              const aisle = i > 0 && blockOf(layout, i) !== blockOf(layout, i - 1) ? ' aisle-before' : '';
              if (!cell)
                return <span key={layout.letters[i]} role="gridcell" className={`seat-cell${aisle}`} />;
              const chosenFor = selected.indexOf(cell.seat);
              const taken = cell.status !== 'available';
              const state =
                chosenFor >= 0 ? `chosen for passenger ${chosenFor + 1}` : STATUS_WORDS[cell.status];
              return (
                <span key={cell.seat} role="gridcell" className={`seat-cell${aisle}`}>
                  <button
                    type="button"
                    ref={(el) => {
                      if (el) buttons.current.set(cell.seat, el);
                      else buttons.current.delete(cell.seat);
                    }}
                    className={`seat ${chosenFor >= 0 ? 'seat-chosen' : taken ? 'seat-taken' : 'seat-free'}`}
                    tabIndex={cell.seat === focusable ? 0 : -1}
                    aria-pressed={chosenFor >= 0}
                    aria-disabled={taken && chosenFor < 0 ? true : undefined}
                    aria-label={`Seat ${cell.seat}, ${cell.position}, ${state}`}
                    onClick={() => {
                      setActive(cell.seat);
                      toggle(cell);
                    }}
                  >
                    {chosenFor >= 0 ? chosenFor + 1 : taken ? '×' : ''}
                  </button>
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
    </div>
  );
}
