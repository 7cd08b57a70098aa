import { useId, useState } from 'react';
import { CarLocationsView } from './CarLocationsView.tsx';
import { FlightsView } from './FlightsView.tsx';
import { HotelsView } from './HotelsView.tsx';
import { tabPanelProps, Tabs } from '../ui/Tabs.tsx';
import './inventory.css';

type InventoryTab = 'hotels' | 'flights' | 'cars';
const TABS: readonly { id: InventoryTab; label: string }[] = [
  { id: 'hotels', label: 'Hotels' },
  { id: 'flights', label: 'Flights' },
  { id: 'cars', label: 'Car locations' },
];

/** Admin: what can be sold. Hotels with room types and rooms, flights with seats, car fleets. */
export function InventorySection() {
  const [tab, setTab] = useState<InventoryTab>('hotels');
  const idBase = useId();
  return (
    <section className="section section-wide" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Inventory</h1>
      </div>
      <Tabs idBase={idBase} label="Inventory" tabs={TABS} selected={tab} onSelect={setTab} />
      <div {...tabPanelProps(idBase, tab)}>
        {tab === 'hotels' ? <HotelsView /> : tab === 'flights' ? <FlightsView /> : <CarLocationsView />}
      </div>
    </section>
  );
}
