import { useEffect, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addDays,
  isCalendarDate,
  todayIn,
  type CalendarDate,
  type HotelItem,
  type Stay,
  type User,
} from '@tripdesk/shared';
import { HotelPicker } from '../inventory/HotelPicker.tsx';
import { DateField } from '../ui/DateField.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { tabPanelProps, Tabs } from '../ui/Tabs.tsx';
import { CheckInDialog, CheckOutDialog, type RoomChoice } from './CheckInDialog.tsx';
import { useDesk } from './desk-store.ts';
import { RoomChart } from './RoomChart.tsx';
import { StayList, type StayAction } from './StayList.tsx';
import { WalkInDialog } from './WalkInDialog.tsx';
import { Field } from '../ui/form-field.tsx';
import { formatLongDate, formatTimeIn } from '../ui/formats.ts';
import { deskKeys, inventoryKeys, tripKeys } from '../api/query-keys.ts';
import './frontdesk.css';
import { call } from '../api/call.ts';

type DeskTab = 'day' | 'chart';
const TABS: readonly { id: DeskTab; label: string }[] = [
  { id: 'day', label: 'Arrivals, in-house, departures' },
  { id: 'chart', label: 'Room chart' },
];

/** The stays lists are what other desks change too: refetched this often while shown. */
const REFRESH_MS = 30_000;

/** The hotel's clock, ticking once a minute: "today" at the desk turns at the hotel's midnight. */
function useHotelNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The front desk: the day's arrivals, in-house guests and departures at the hotel, check-in and
 * check-out, walk-ins, and the room chart. A front desk user works their own hotel; an administrator
 * picks one.
 */
export function FrontDeskSection({ user }: { user: User }) {
  const adminHotelId = useDesk((s) => s.adminHotelId);
  const chooseHotel = useDesk((s) => s.chooseHotel);
  const hotelId = user.role === 'frontdesk' ? (user.hotelId ?? null) : adminHotelId;
  return (
    <section className="section section-wide" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Front desk</h1>
        {user.role !== 'frontdesk' ? (
          <Field id="desk-hotel" label="Hotel" className="field-inline">
            <HotelPicker
              id="desk-hotel"
              label="Hotel"
              value={hotelId ?? ''}
              onChange={(id) => chooseHotel(id)}
            />
          </Field>
        ) : null}
      </div>
      {hotelId ? (
        <HotelDesk key={hotelId} hotelId={hotelId} />
      ) : user.role === 'frontdesk' ? (
        <p className="form-error" role="alert">
          Your account is not linked to a hotel, so there is no desk to show. Ask an administrator to set your
          hotel.
        </p>
      ) : (
        <p className="empty-state">Choose the hotel whose desk you want to work.</p>
      )}
    </section>
  );
}

function HotelDesk({ hotelId }: { hotelId: string }) {
  const queryClient = useQueryClient();
  const hotel = useQuery({
    queryKey: inventoryKeys.hotel(hotelId),
    queryFn: () => call('getHotel', { params: { hotelId } }),
  });
  const now = useHotelNow();
  const timeZone = hotel.data?.timezone ?? 'UTC';
  const today = todayIn(timeZone, now);
  const [chosenDate, setChosenDate] = useState<CalendarDate | null>(null);
  const date = chosenDate ?? today;
  const [tab, setTab] = useState<DeskTab>('day');
  const tabsId = useId();
  const [working, setWorking] = useState<{ stay: Stay; action: StayAction } | null>(null);
  const [walkInOpen, setWalkInOpen] = useState(false);
  const walkIn = useDesk((s) => s.walkIn);
  const [notice, setNotice] = useState<string | null>(null);

  const stays = useQuery({
    queryKey: deskKeys.stays(hotelId, date),
    queryFn: () => call('listStays', { params: { hotelId }, query: { date } }),
    enabled: hotel.isSuccess,
    refetchInterval: REFRESH_MS,
  });

  if (hotel.isPending) return <p className="muted">Loading the hotel…</p>;
  if (hotel.isError) return <LoadError error={hotel.error} retry={() => void hotel.refetch()} />;
  const detail = hotel.data;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: deskKeys.staysOf(hotelId) });
    // The room chart too, so it follows the desk's own check-ins without the live connection.
    void queryClient.invalidateQueries({ queryKey: deskKeys.bookingsOf(hotelId) });
  };
  const done = (item: HotelItem, stay: Stay, action: StayAction) => {
    setWorking(null);
    const rooms = item.roomNumbers?.join(', ') ?? item.roomNumber;
    setNotice(
      action === 'check-in'
        ? `Checked in ${stay.customer.name}${rooms ? ` to room ${rooms}` : ''}.`
        : `Checked out ${stay.customer.name}${rooms ? ` from room ${rooms}` : ''}.`,
    );
    refresh();
    void queryClient.invalidateQueries({ queryKey: tripKeys.all });
  };

  /** Rooms of the stay's type that no guest in the house sleeps in tonight. */
  const roomChoices = (stay: Stay): RoomChoice[] => {
    const type = detail.roomTypes.find((t) => t.id === stay.item.roomTypeId);
    const lists = stays.data;
    if (!type || !lists) return [];
    const roomsOf = (s: Stay) => s.item.roomNumbers ?? (s.item.roomNumber ? [s.item.roomNumber] : []);
    const occupied = new Set(lists.inHouse.flatMap(roomsOf));
    const leaving = new Set(lists.departures.flatMap(roomsOf));
    return type.roomNumbers
      .filter((n) => !occupied.has(n))
      .map((number) => ({ number, dueOut: leaving.has(number) }));
  };

  const list = stays.data;
  return (
    <>
      <div className="toolbar desk-toolbar">
        <div className="desk-title">
          <h2>{detail.name}</h2>
          <p className="muted">
            {detail.city} · local time {formatTimeIn(now.toISOString(), timeZone)} ({timeZone})
          </p>
        </div>
        <div className="toolbar-form">
          <DateField
            id="desk-date"
            label="Date"
            className="field-inline"
            value={date}
            onChange={(value) => setChosenDate(isCalendarDate(value) ? value : null)}
          />
          <button
            type="button"
            className="button button-small"
            aria-label="Previous day"
            onClick={() => setChosenDate(addDays(date, -1))}
          >
            ‹
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setChosenDate(null)}
            disabled={date === today}
          >
            Today
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label="Next day"
            onClick={() => setChosenDate(addDays(date, 1))}
          >
            ›
          </button>
        </div>
        <button type="button" className="button button-primary" onClick={() => setWalkInOpen(true)}>
          {walkIn && walkIn.hotelId === hotelId ? 'Resume walk-in' : 'Walk-in'}
        </button>
      </div>

      <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
        {notice ?? ''}
      </p>

      <Tabs idBase={tabsId} label="Desk views" tabs={TABS} selected={tab} onSelect={setTab} />
      <div {...tabPanelProps(tabsId, tab)}>
        {tab === 'chart' ? (
          <RoomChart key={date} hotel={detail} from={date} today={today} />
        ) : (
          <>
            <p className="desk-date-line">
              {formatLongDate(date)}
              {date === today ? <span className="tag">today</span> : null}
              {stays.isFetching && !stays.isPending ? <span className="muted"> · refreshing…</span> : null}
            </p>
            {stays.isPending ? <p className="muted">Loading the day’s guests…</p> : null}
            {stays.isError ? <LoadError error={stays.error} retry={() => void stays.refetch()} /> : null}
            {list ? (
              <div className="stay-lists">
                <StayList
                  title="Arrivals"
                  stays={list.arrivals}
                  empty={
                    date === today ? 'No more arrivals expected today.' : 'No arrivals expected that day.'
                  }
                  action="check-in"
                  today={today}
                  date={date}
                  timeZone={timeZone}
                  onAction={(stay, action) => setWorking({ stay, action })}
                />
                <StayList
                  title="In house"
                  stays={list.inHouse}
                  empty="No guests in the house that night."
                  action={date === today ? 'check-out' : null}
                  today={today}
                  date={date}
                  timeZone={timeZone}
                  onAction={(stay, action) => setWorking({ stay, action })}
                />
                <StayList
                  title="Departures"
                  stays={list.departures}
                  empty={date === today ? 'Nobody left to check out today.' : 'No departures due that day.'}
                  action={date <= today ? 'check-out' : null}
                  today={today}
                  date={date}
                  timeZone={timeZone}
                  onAction={(stay, action) => setWorking({ stay, action })}
                />
              </div>
            ) : null}
          </>
        )}
      </div>

      {working?.action === 'check-in' ? (
        <CheckInDialog
          stay={working.stay}
          rooms={roomChoices(working.stay)}
          onClose={() => {
            setWorking(null);
            refresh();
          }}
          onDone={(item) => done(item, working.stay, 'check-in')}
          onWalked={(_trip, message) => {
            setWorking(null);
            setNotice(message);
            refresh();
            void queryClient.invalidateQueries({ queryKey: tripKeys.all });
          }}
        />
      ) : null}
      {working?.action === 'check-out' ? (
        <CheckOutDialog
          stay={working.stay}
          today={today}
          onClose={() => {
            setWorking(null);
            refresh();
          }}
          onDone={(item) => done(item, working.stay, 'check-out')}
        />
      ) : null}
      {walkInOpen ? (
        <WalkInDialog
          hotel={detail}
          today={today}
          onClose={() => setWalkInOpen(false)}
          onCheckedIn={(message) => {
            setWalkInOpen(false);
            setNotice(message);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
