import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DateField } from './DateField.tsx';

describe('DateField', () => {
  it('is a labelled date input that reports the new value', async () => {
    const onChange = vi.fn();
    render(<DateField id="in" label="Check-in" value="" onChange={onChange} min="2026-11-21" />);
    const input = screen.getByLabelText('Check-in') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.min).toBe('2026-11-21');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    await userEvent.setup().type(input, '2026-11-24');
    expect(onChange).toHaveBeenLastCalledWith('2026-11-24');
  });

  it('shows its hint, and the error in its place', () => {
    const { rerender } = render(
      <DateField id="out" label="Check-out" value="" onChange={() => {}} hint="3 nights" />,
    );
    expect(screen.getByLabelText('Check-out').getAttribute('aria-describedby')).toBe('out-hint');
    rerender(
      <DateField
        id="out"
        label="Check-out"
        value=""
        onChange={() => {}}
        hint="3 nights"
        error="Choose a later day."
      />,
    );
    expect(screen.getByLabelText('Check-out').getAttribute('aria-describedby')).toBe('out-error');
    expect(screen.queryByText('3 nights')).toBeNull();
    expect(screen.getByText('Choose a later day.')).toBeTruthy();
  });
});
