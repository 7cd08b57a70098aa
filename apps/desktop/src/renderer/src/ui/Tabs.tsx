import { useRef, type KeyboardEvent } from 'react';
import './Tabs.css';

/**
 * A row of tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys move between tabs and select them,
 * Home and End jump to the ends. The caller renders the selected panel with `panelProps`.
 */
export function Tabs<T extends string>({
  idBase: base,
  label,
  tabs,
  selected,
  onSelect,
}: {
  /** From the caller's `useId()`, shared with `tabPanelProps`. */
  idBase: string;
  label: string;
  tabs: readonly { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${base}-${tab.id}-tab`}
          aria-selected={tab.id === selected}
          aria-controls={`${base}-${tab.id}-panel`}
          tabIndex={tab.id === selected ? 0 : -1}
          className="tab"
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** The ids tying a tab panel to its tab; `base` is the `idBase` the Tabs were given. */
export function tabPanelProps(base: string, id: string) {
  return {
    role: 'tabpanel',
    id: `${base}-${id}-panel`,
    'aria-labelledby': `${base}-${id}-tab`,
    className: 'tab-panel',
  } as const;
}
