import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DateField } from './DateField.tsx';
import { Dialog } from './Dialog.tsx';

// The frozen clock (test/setup.ts) is 2026-11-21 10:00 UTC, a Saturday: "today" in these tests.

/** A form holding the field's ISO value, shown beside it as the form sees it. */
function Form(props: { initial?: string; min?: string; max?: string; error?: string; hint?: string }) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <DateField
        id="in"
        label="Check-in"
        value={value}
        onChange={setValue}
        min={props.min}
        max={props.max}
        error={props.error}
        hint={props.hint}
      />
      <output data-testid="value">{value || '(none)'}</output>
      <button type="submit">Search</button>
    </form>
  );
}

const formValue = () => screen.getByTestId('value').textContent;
const field = () => screen.getByLabelText('Check-in') as HTMLInputElement;

describe('DateField', () => {
  beforeEach(() => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is a labelled text box in the locale order, its format told to screen readers', () => {
    render(<Form initial="2026-12-05" />);
    expect(field()).toHaveValue('05/12/2026');
    expect(field()).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    expect(field()).toHaveAccessibleDescription('dd/mm/yyyy');
    expect(field()).not.toHaveAttribute('aria-invalid');
  });

  it('writes the date month first for an en-US desk', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
    render(<Form initial="2026-12-05" />);
    expect(field()).toHaveValue('12/05/2026');
    expect(field()).toHaveAttribute('placeholder', 'mm/dd/yyyy');
  });

  it('takes typed digits without separators and writes them out on leaving the field', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.type(field(), '24122026');
    expect(formValue()).toBe('2026-12-24');
    await user.tab();
    expect(field()).toHaveValue('24/12/2026');
  });

  it('takes typed ISO dates, and short years', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.type(field(), '2026-12-24');
    expect(formValue()).toBe('2026-12-24');
    await user.clear(field());
    await user.type(field(), '3.1.27');
    expect(formValue()).toBe('2027-01-03');
  });

  it('knows t, +n and -n, and a day alone is the next such day', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.type(field(), 't');
    expect(formValue()).toBe('2026-11-21');
    await user.clear(field());
    await user.type(field(), '+3');
    expect(formValue()).toBe('2026-11-24');
    await user.clear(field());
    await user.type(field(), '-1');
    expect(formValue()).toBe('2026-11-20');
    await user.clear(field());
    await user.type(field(), '5{Enter}');
    expect(formValue()).toBe('2026-12-05');
    expect(field()).toHaveValue('05/12/2026');
  });

  it('never hands the form a wrong date: an impossible one is no value and an error on leaving', async () => {
    const user = userEvent.setup();
    render(<Form initial="2026-12-05" />);
    await user.clear(field());
    await user.type(field(), '31/02/2027');
    expect(formValue()).toBe('(none)');
    // No error while the clerk is still typing.
    expect(field()).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription('February 2027 has 28 days. dd/mm/yyyy');
    expect(field()).toHaveValue('31/02/2027');
    // Typing again clears the error; a good date is a value again.
    await user.clear(field());
    await user.type(field(), '28/02/2027');
    expect(field()).not.toHaveAttribute('aria-invalid');
    expect(formValue()).toBe('2027-02-28');
  });

  it('refuses a typed day before min, naming it', async () => {
    const user = userEvent.setup();
    render(<Form min="2026-11-25" />);
    await user.type(field(), '24/11/2026');
    await user.tab();
    expect(formValue()).toBe('(none)');
    expect(screen.getByText('Choose 25/11/2026 or later.')).toBeVisible();
  });

  it('shows the form’s own hint, and its error in its place', () => {
    const { rerender } = render(<Form hint="3 nights" />);
    expect(field()).toHaveAccessibleDescription('3 nights dd/mm/yyyy');
    rerender(<Form hint="3 nights" error="Choose a later day." />);
    expect(field()).toHaveAccessibleDescription('Choose a later day. dd/mm/yyyy');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('3 nights')).toBeNull();
  });

  it('moves the date with the arrows (a day), Shift+arrows and PageUp/PageDown (a month)', async () => {
    const user = userEvent.setup();
    render(<Form initial="2026-12-31" max="2027-06-30" />);
    await user.click(field());
    await user.keyboard('{ArrowUp}');
    expect(formValue()).toBe('2027-01-01');
    expect(field()).toHaveValue('01/01/2027');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(formValue()).toBe('2026-12-30');
    await user.keyboard('{PageUp}');
    expect(formValue()).toBe('2027-01-30');
    await user.keyboard('{PageUp}');
    // 30 January + 1 month: the last day of February.
    expect(formValue()).toBe('2027-02-28');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}{PageDown}');
    expect(formValue()).toBe('2026-12-28');
    // Shift+PageUp is a year, held at max.
    await user.keyboard('{Shift>}{PageUp}{/Shift}');
    expect(formValue()).toBe('2027-06-30');
  });

  it('starts the arrows from today when the box is empty', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.click(field());
    await user.keyboard('{ArrowUp}');
    expect(formValue()).toBe('2026-11-21');
  });

  it('opens a month grid from its button: arrows move, Enter picks and focus returns to the box', async () => {
    const user = userEvent.setup();
    render(<Form initial="2026-12-24" />);
    await user.click(screen.getByRole('button', { name: 'Choose date: Check-in' }));
    const grid = screen.getByRole('grid', { name: 'December 2026' });
    // en-GB weeks start on Monday.
    expect(within(grid).getAllByRole('columnheader')[0]).toHaveAttribute('abbr', 'Monday');
    expect(document.activeElement).toHaveAccessibleName('Thursday, 24 December 2026');
    expect(within(grid).getByRole('gridcell', { selected: true })).toHaveTextContent('24');
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName('Friday, 1 January 2027');
    expect(screen.getByRole('grid', { name: 'January 2027' })).toBeVisible();
    await user.keyboard('{PageUp}{ArrowLeft}');
    expect(document.activeElement).toHaveAccessibleName('Monday, 30 November 2026');
    await user.keyboard('{Enter}');
    expect(formValue()).toBe('2026-11-30');
    expect(screen.queryByRole('grid')).toBeNull();
    expect(document.activeElement).toBe(field());
    expect(field()).toHaveValue('30/11/2026');
  });

  it('moves to the week’s ends with Home and End, and a year with Shift+PageDown, in a Sunday-first locale', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
    const user = userEvent.setup();
    render(<Form initial="2026-12-24" />);
    await user.click(field());
    await user.keyboard('{F4}');
    const grid = screen.getByRole('grid', { name: 'December 2026' });
    expect(within(grid).getAllByRole('columnheader')[0]).toHaveAttribute('abbr', 'Sunday');
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveAttribute('data-date', '2026-12-20');
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAttribute('data-date', '2026-12-26');
    await user.keyboard('{Shift>}{PageDown}{/Shift}{Enter}');
    expect(formValue()).toBe('2027-12-26');
    expect(field()).toHaveValue('12/26/2027');
  });

  it('opens the grid with Alt+Down, on today when empty; Escape closes it and returns focus', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.click(field());
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(document.activeElement).toHaveAccessibleName('Saturday, 21 November 2026');
    expect(document.activeElement).toHaveAttribute('aria-current', 'date');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('grid')).toBeNull();
    expect(document.activeElement).toBe(field());
    expect(formValue()).toBe('(none)');
  });

  it('closes the calendar when Tab leaves it, and on a click outside', async () => {
    const user = userEvent.setup();
    render(<Form initial="2026-12-24" />);
    const button = screen.getByRole('button', { name: 'Choose date: Check-in' });
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'Today' }));
    expect(formValue()).toBe('2026-11-21');
    await user.click(button);
    await user.click(screen.getByTestId('value'));
    expect(screen.queryByRole('grid')).toBeNull();
    await user.click(button);
    screen.getByRole('button', { name: 'Today' }).focus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Search' })).toHaveFocus();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('shows days outside min and max but will not pick them', async () => {
    const user = userEvent.setup();
    render(<Form min="2026-11-23" max="2026-11-27" />);
    await user.click(screen.getByRole('button', { name: 'Choose date: Check-in' }));
    // Today is before min: the grid opens on min.
    expect(document.activeElement).toHaveAccessibleName('Monday, 23 November 2026');
    const before = screen.getByRole('button', { name: 'Sunday, 22 November 2026' });
    expect(before).toHaveAttribute('aria-disabled', 'true');
    await user.click(before);
    expect(formValue()).toBe('(none)');
    expect(screen.getByRole('grid')).toBeVisible();
    // The keyboard stops at max.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(formValue()).toBe('2026-11-27');
  });

  it('in a dialog, Escape closes the calendar and leaves the dialog open', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(
      <Dialog title="Change the stay" onClose={onClose}>
        <Form initial="2026-12-24" />
      </Dialog>,
    );
    await user.click(screen.getByRole('button', { name: 'Choose date: Check-in' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('grid')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field());
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('shows a value set from outside, but not while the clerk is typing', async () => {
    const user = userEvent.setup();
    function Linked() {
      const [value, setValue] = useState('2026-12-01');
      return (
        <>
          <DateField id="in" label="Check-in" value={value} onChange={(v) => setValue(v || '2026-12-01')} />
          <button type="button" onClick={() => setValue('2027-03-04')}>
            Later
          </button>
        </>
      );
    }
    render(<Linked />);
    await user.clear(field());
    // The parent puts its default back while the box is empty; the clerk keeps typing.
    await user.type(field(), '1');
    expect(field()).toHaveValue('1');
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(field()).toHaveValue('04/03/2027');
  });
});
