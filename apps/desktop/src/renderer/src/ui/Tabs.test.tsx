import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { tabPanelProps, Tabs } from './Tabs.tsx';

const TABS = [
  { id: 'hotels', label: 'Hotels' },
  { id: 'flights', label: 'Flights' },
  { id: 'cars', label: 'Cars' },
] as const;

function Harness() {
  const [selected, setSelected] = useState<(typeof TABS)[number]['id']>('hotels');
  return (
    <>
      <Tabs idBase="inv" label="Inventory" tabs={TABS} selected={selected} onSelect={setSelected} />
      <div {...tabPanelProps('inv', selected)}>{selected} panel</div>
    </>
  );
}

describe('Tabs', () => {
  it('is one tab stop; arrows, Home and End move and select; the panel is named by its tab', async () => {
    render(<Harness />);
    const user = userEvent.setup();
    expect(screen.getByRole('tablist', { name: 'Inventory' })).toBeTruthy();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Hotels' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Flights' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Flights' }).textContent).toBe('flights panel');
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Cars' }));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Hotels' }));
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Cars' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Hotels' }).tabIndex).toBe(-1);
  });
});
