import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FormFooter } from './FormFooter.tsx';

describe('FormFooter', () => {
  it('submits the form, and offers a way back', async () => {
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const onCancel = vi.fn();
    render(
      <form onSubmit={onSubmit}>
        <FormFooter label="Create hotel" busyLabel="Creating…" busy={false} onCancel={onCancel} />
      </form>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Create hotel' }));
    expect(onSubmit).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says what it is doing while busy, and the way back waits', () => {
    render(
      <FormFooter
        label="Cancel trip"
        busyLabel="Cancelling…"
        busy
        tone="danger"
        blocked
        onCancel={() => {}}
        cancelLabel="Keep the trip"
      />,
    );
    const action = screen.getByRole('button', { name: 'Cancelling…' });
    expect(action.getAttribute('aria-busy')).toBe('true');
    expect(action.getAttribute('aria-disabled')).toBe('true');
    expect(action.className).toBe('button button-danger');
    expect((screen.getByRole('button', { name: 'Keep the trip' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('runs a confirmation once, not while its request runs, and shows no way back without onCancel', async () => {
    const onConfirm = vi.fn();
    const { rerender } = render(
      <FormFooter label="Remove car" busyLabel="Removing…" busy={false} onConfirm={onConfirm} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove car' }));
    rerender(<FormFooter label="Remove car" busyLabel="Removing…" busy onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Removing…' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });
});
