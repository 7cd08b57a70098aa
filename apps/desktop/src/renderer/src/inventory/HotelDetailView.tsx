import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { todayIn, type Hotel, type HotelDetail, type RoomType } from '@tripdesk/shared';
import { ClosuresPanel } from './ClosuresPanel.tsx';
import { ConfirmChangeDialog } from './ConfirmChangeDialog.tsx';
import { EditHotelDialog } from './EditHotelDialog.tsx';
import { EditRoomTypeDialog } from './EditRoomTypeDialog.tsx';
import { OutOfOrderPanel } from './OutOfOrderPanel.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { NewRoomTypeForm } from './NewRoomTypeForm.tsx';
import { OverbookingDialog } from './OverbookingDialog.tsx';
import { RoomChangeDialog } from './RoomChangeDialog.tsx';
import { describeRoomNumbers } from './room-numbers.ts';
import { Stars } from './Stars.tsx';
import { formatMoney } from '../ui/formats.ts';
import { inventoryKeys, searchKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';
import { ExtrasEditor } from './ExtrasEditor.tsx';
import { TaxesEditor } from './TaxesEditor.tsx';

/** Admin: one hotel with its room types and their rooms. */
export function HotelDetailView({
  hotelId,
  justCreated,
  onBack,
}: {
  hotelId: string;
  justCreated: boolean;
  onBack: () => void;
}) {
  const queryClient = useQueryClient();
  const hotel = useQuery({
    queryKey: inventoryKeys.hotel(hotelId),
    queryFn: () => call('getHotel', { params: { hotelId } }),
  });
  const [formOpen, setFormOpen] = useState(false);
  const [changing, setChanging] = useState<RoomType | null>(null);
  const [overbooking, setOverbooking] = useState<RoomType | null>(null);
  const [editingHotel, setEditingHotel] = useState(false);
  const [retiringHotel, setRetiringHotel] = useState(false);
  const [editing, setEditing] = useState<RoomType | null>(null);
  const [retiring, setRetiring] = useState<RoomType | null>(null);
  const [notice, setNotice] = useState<string | null>(
    justCreated ? 'Hotel created. Add its room types.' : null,
  );
  const [highlight, setHighlight] = useState<string | null>(null);

  const storeRoomType = (roomType: RoomType) => {
    queryClient.setQueryData<HotelDetail>(inventoryKeys.hotel(hotelId), (current) =>
      current
        ? {
            ...current,
            roomTypes: current.roomTypes.some((t) => t.id === roomType.id)
              ? current.roomTypes.map((t) => (t.id === roomType.id ? roomType : t))
              : [...current.roomTypes, roomType],
          }
        : current,
    );
    setHighlight(roomType.id);
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.hotelLists });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
  };
  const storeHotel = (updated: Hotel) => {
    queryClient.setQueryData<HotelDetail>(inventoryKeys.hotel(hotelId), (current) =>
      current ? { ...updated, roomTypes: current.roomTypes } : current,
    );
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.hotelLists });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
  };

  const data = hotel.data;
  return (
    <div className="inventory-view">
      <div className="toolbar">
        <button type="button" className="button button-quiet" onClick={onBack}>
          ← All hotels
        </button>
      </div>
      {hotel.isPending ? <p className="muted">Loading the hotel…</p> : null}
      {hotel.isError ? <LoadError error={hotel.error} retry={() => void hotel.refetch()} /> : null}
      {data ? (
        <>
          <div className="panel hotel-card">
            <div className="section-head">
              <h2>
                {data.name}
                {data.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
              </h2>
              <div className="button-row">
                <button type="button" className="button" onClick={() => setEditingHotel(true)}>
                  Edit hotel
                </button>
                <button type="button" className="button" onClick={() => setRetiringHotel(true)}>
                  {data.retiredAt ? 'Reinstate hotel' : 'Retire hotel'}
                </button>
                {!formOpen ? (
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={() => {
                      setFormOpen(true);
                      setNotice(null);
                    }}
                  >
                    New room type
                  </button>
                ) : null}
              </div>
            </div>
            <dl className="facts">
              <div>
                <dt>City</dt>
                <dd>
                  {data.city}, {data.country}
                </dd>
              </div>
              <div>
                <dt>Address</dt>
                <dd>{data.address ?? '—'}</dd>
              </div>
              <div>
                <dt>Time zone</dt>
                <dd className="mono">{data.timezone}</dd>
              </div>
              <div>
                <dt>Stars</dt>
                <dd>
                  <Stars stars={data.stars} />
                </dd>
              </div>
              <div>
                <dt>Amenities</dt>
                <dd>{data.amenities.length > 0 ? data.amenities.join(', ') : '—'}</dd>
              </div>
              <div>
                <dt>Contact</dt>
                <dd>{[data.phone, data.email].filter(Boolean).join(' · ') || '—'}</dd>
              </div>
            </dl>
          </div>

          {formOpen ? (
            <NewRoomTypeForm
              hotelId={hotelId}
              hotelName={data.name}
              defaultCurrency={data.roomTypes[0]?.nightlyRate.currency ?? 'USD'}
              onCancel={() => setFormOpen(false)}
              onCreated={(roomType) => {
                setFormOpen(false);
                storeRoomType(roomType);
                setNotice(
                  `Created ${roomType.name}: ${roomType.capacity} ${roomType.capacity === 1 ? 'room' : 'rooms'} at ${formatMoney(roomType.nightlyRate)} a night. It is on sale from now.`,
                );
              }}
            />
          ) : null}

          <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
            {notice ?? ''}
          </p>

          {data.roomTypes.length === 0 ? (
            <p className="empty-state">This hotel has no room types yet, so nothing here can be sold.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Room types of {data.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Room type</th>
                    <th scope="col" className="num">
                      Sleeps
                    </th>
                    <th scope="col" className="num">
                      Nightly rate
                    </th>
                    <th scope="col" className="num">
                      Rooms
                    </th>
                    <th scope="col" className="num">
                      Overbooking
                    </th>
                    <th scope="col">Room numbers</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.roomTypes.map((roomType) => (
                    <tr
                      key={roomType.id}
                      className={
                        roomType.id === highlight ? 'row-new' : roomType.retiredAt ? 'row-retired' : undefined
                      }
                    >
                      <th scope="row" className="row-head">
                        {roomType.name}
                        {roomType.retiredAt ? <span className="tag tag-muted">Retired</span> : null}
                        {roomType.amenities.length > 0 ? (
                          <span className="cell-note">{roomType.amenities.join(', ')}</span>
                        ) : null}
                      </th>
                      <td className="num">{roomType.maxOccupancy}</td>
                      <td className="num">{formatMoney(roomType.nightlyRate)}</td>
                      <td className="num">{roomType.capacity}</td>
                      <td className="num">
                        {(roomType.overbookingAllowance ?? 0) > 0
                          ? `+${roomType.overbookingAllowance}`
                          : 'None'}
                      </td>
                      <td className="mono wrap">{describeRoomNumbers(roomType.roomNumbers)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Edit ${roomType.name}`}
                          onClick={() => setEditing(roomType)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Change rooms of ${roomType.name}`}
                          onClick={() => setChanging(roomType)}
                        >
                          Change rooms
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Overbooking of ${roomType.name}`}
                          onClick={() => setOverbooking(roomType)}
                        >
                          Overbooking
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`${roomType.retiredAt ? 'Reinstate' : 'Retire'} ${roomType.name}`}
                          onClick={() => setRetiring(roomType)}
                        >
                          {roomType.retiredAt ? 'Reinstate' : 'Retire'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted table-count">
                {data.roomTypes.length} room {data.roomTypes.length === 1 ? 'type' : 'types'},{' '}
                {data.roomTypes.reduce((n, t) => n + t.capacity, 0)} rooms
              </p>
            </div>
          )}
          {overbooking ? (
            <OverbookingDialog
              hotelId={hotelId}
              roomType={overbooking}
              onClose={() => setOverbooking(null)}
              onChanged={(updated, summary) => {
                setOverbooking(null);
                storeRoomType(updated);
                setNotice(summary);
              }}
            />
          ) : null}
          {data.roomTypes.length > 0 ? (
            <>
              <OutOfOrderPanel
                hotelId={hotelId}
                roomTypes={data.roomTypes}
                today={todayIn(data.timezone, new Date())}
              />
              <ClosuresPanel
                today={todayIn(data.timezone, new Date())}
                title="Room types closed to sale"
                idPrefix="hotel-closure"
                targetLabel="Room type"
                targets={data.roomTypes.map((t) => ({ value: t.id, label: t.name }))}
                unit="night"
                queryKey={inventoryKeys.hotelClosures(hotelId)}
                list={async () =>
                  (await call('listHotelClosures', { params: { hotelId }, query: {} })).items.map((c) => ({
                    id: c.id,
                    target: c.roomTypeId,
                    from: c.from,
                    to: c.to,
                    reason: c.reason,
                  }))
                }
                create={(c) =>
                  call('createHotelClosure', {
                    params: { hotelId },
                    body: {
                      roomTypeId: c.target,
                      from: c.from,
                      to: c.to,
                      ...(c.reason ? { reason: c.reason } : {}),
                    },
                  })
                }
                remove={(closureId) => call('deleteHotelClosure', { params: { hotelId, closureId } })}
              />
            </>
          ) : null}
          {editingHotel ? (
            <EditHotelDialog
              hotel={data}
              onClose={() => setEditingHotel(false)}
              onSaved={(updated) => {
                setEditingHotel(false);
                storeHotel(updated);
                setNotice(`Saved ${updated.name}.`);
              }}
            />
          ) : null}
          {retiringHotel ? (
            <ConfirmChangeDialog
              title={data.retiredAt ? `Reinstate ${data.name}?` : `Retire ${data.name}?`}
              label={data.retiredAt ? 'Reinstate hotel' : 'Retire hotel'}
              busyLabel="Saving…"
              tone={data.retiredAt ? 'primary' : 'danger'}
              run={() => call('updateHotel', { params: { hotelId }, body: { retired: !data.retiredAt } })}
              onDone={(updated) => {
                setRetiringHotel(false);
                storeHotel(updated);
                setNotice(
                  updated.retiredAt
                    ? `${updated.name} is retired: it is no longer searched nor sold.`
                    : `${updated.name} is on sale again.`,
                );
              }}
              onClose={() => setRetiringHotel(false)}
            >
              <p>
                {data.retiredAt
                  ? 'Its room types can be searched and sold again.'
                  : 'It leaves the agents’ search and takes no new bookings. Stays already held or sold are kept, and old trips still show it. You can reinstate it later.'}
              </p>
            </ConfirmChangeDialog>
          ) : null}
          {editing ? (
            <EditRoomTypeDialog
              hotelId={hotelId}
              roomType={editing}
              onClose={() => setEditing(null)}
              onSaved={(updated) => {
                setEditing(null);
                storeRoomType(updated);
                setNotice(`Saved ${updated.name}.`);
              }}
            />
          ) : null}
          {retiring ? (
            <ConfirmChangeDialog
              title={retiring.retiredAt ? `Reinstate ${retiring.name}?` : `Retire ${retiring.name}?`}
              label={retiring.retiredAt ? 'Reinstate room type' : 'Retire room type'}
              busyLabel="Saving…"
              tone={retiring.retiredAt ? 'primary' : 'danger'}
              run={() =>
                call('updateRoomType', {
                  params: { hotelId, roomTypeId: retiring.id },
                  body: { retired: !retiring.retiredAt },
                })
              }
              onDone={(updated) => {
                setRetiring(null);
                storeRoomType(updated);
                setNotice(
                  updated.retiredAt
                    ? `${updated.name} is retired: it is no longer searched nor sold.`
                    : `${updated.name} is on sale again.`,
                );
              }}
              onClose={() => setRetiring(null)}
            >
              <p>
                {retiring.retiredAt
                  ? `${retiring.name} can be searched and sold again.`
                  : `${retiring.name} leaves the agents’ search and takes no new bookings. Stays already held or sold keep their rooms, and old trips still show it. You can reinstate it later.`}
              </p>
            </ConfirmChangeDialog>
          ) : null}
          {changing ? (
            <RoomChangeDialog
              hotelId={hotelId}
              roomType={changing}
              onClose={() => setChanging(null)}
              onChanged={(updated, summary) => {
                setChanging(null);
                storeRoomType(updated);
                setNotice(summary);
              }}
            />
          ) : null}
          <TaxesEditor
            owner={{ itemType: 'hotel', id: hotelId }}
            title={`Taxes and fees of ${data.name}`}
            currency={data.roomTypes[0]?.nightlyRate.currency ?? 'USD'}
          />
          <ExtrasEditor owner={{ itemType: 'hotel', id: hotelId }} title={`Extras sold with ${data.name}`} />
        </>
      ) : null}
    </div>
  );
}
