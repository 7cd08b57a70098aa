import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog.tsx';

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open ? (
        <Dialog title="Check out Jane Doe" onClose={() => setOpen(false)}>
          <label htmlFor="note">Note</label>
          <input id="note" />
          <button type="button">Confirm</button>
        </Dialog>
      ) : null}
    </>
  );
}

describe('Dialog', () => {
  it('is named by its title, takes focus, keeps Tab inside, and gives focus back on Escape', async () => {
    render(<Harness />);
    const user = userEvent.setup();
    const opener = screen.getByRole('button', { name: 'Open' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Check out Jane Doe' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Note'));

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm' }));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('submits its form on Ctrl+Enter from a select, where Enter alone does not', async () => {
    const submitted = vi.fn();
    render(
      <Dialog title="Hold seats" onClose={() => undefined}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submitted(new FormData(e.currentTarget).get('who'));
          }}
        >
          <label htmlFor="who">Passenger 1</label>
          <select id="who" name="who" defaultValue="ann">
            <option value="ann">Ann Lee</option>
            <option value="bo">Bo Lee</option>
          </select>
          <button type="submit">Hold seats</button>
        </form>
      </Dialog>,
    );
    const user = userEvent.setup();
    expect(document.activeElement).toBe(screen.getByLabelText('Passenger 1'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(submitted).toHaveBeenCalledExactlyOnceWith('ann');
  });

  it('makes the page behind inert while open, and gives it back when closed', () => {
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    const { unmount } = render(
      <Dialog title="Receipt" onClose={() => {}} size="full">
        <p>Paid</p>
      </Dialog>,
    );
    expect(root.hasAttribute('inert')).toBe(true);
    expect(screen.getByRole('dialog').className).toBe('modal modal-full');
    unmount();
    expect(root.hasAttribute('inert')).toBe(false);
    root.remove();
  });

  it('waits for a running request: Escape and the close button do nothing while busy', async () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Restore" onClose={onClose} busy>
        <button type="button">Restore</button>
      </Dialog>,
    );
    await userEvent.setup().keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Close' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('focuses the control marked data-autofocus, and the new content when focusKey changes', () => {
    const { rerender } = render(
      <Dialog title="Walk-in" onClose={() => {}} focusKey="guest">
        <input aria-label="Name" />
        <input aria-label="Email" data-autofocus />
      </Dialog>,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    rerender(
      <Dialog title="Walk-in" onClose={() => {}} focusKey="room">
        <button type="button">Take room 101</button>
      </Dialog>,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Take room 101' }));
  });
});
