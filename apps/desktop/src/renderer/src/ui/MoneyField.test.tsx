import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MoneyField, readMoney } from './MoneyField.tsx';

describe('readMoney', () => {
  it('reads what a person typed as minor units, or says what is wrong', () => {
    expect(readMoney('1,154.50', 'USD')).toEqual({ amount: 115450, currency: 'USD' });
    expect(readMoney(' ', 'USD')).toBe('Enter an amount.');
    expect(readMoney('0', 'USD')).toBe('Enter an amount above zero.');
    expect(readMoney('12.5', 'JPY')).toBe('JPY has fewer decimal places than that.');
    expect(readMoney('twelve', 'USD')).toBe('Enter an amount like 154.00 (digits and a decimal point).');
  });
});

describe('MoneyField', () => {
  it('names the amount and its currency, and ties the error to the amount', () => {
    render(
      <MoneyField
        id="rate"
        label="Nightly rate"
        amount="abc"
        currency="EUR"
        onAmount={() => {}}
        onCurrency={() => {}}
        error="Enter an amount."
      />,
    );
    const amount = screen.getByLabelText('Nightly rate');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(amount.getAttribute('aria-describedby')).toBe('rate-error');
    expect((screen.getByLabelText('Nightly rate: currency') as HTMLSelectElement).value).toBe('EUR');
  });
});
