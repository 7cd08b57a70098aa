import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { described, Field, firstInvalid, placeFieldErrors, sentence } from './form-field.tsx';

describe('Field', () => {
  it('labels its input and ties the hint, or the error in its place, to it', () => {
    const { rerender } = render(
      <Field id="name" label="Name" hint="As on the passport">
        <input id="name" {...described('name', undefined, true)} />
      </Field>,
    );
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toBe('name-hint');
    rerender(
      <Field id="name" label="Name" hint="As on the passport" error="Enter a name.">
        <input id="name" {...described('name', 'Enter a name.', true)} />
      </Field>,
    );
    const input = screen.getByLabelText('Name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('name-error');
    expect(screen.queryByText('As on the passport')).toBeNull();
  });
});

describe('field errors', () => {
  it("words the server's messages as sentences and sorts them onto fields", () => {
    expect(sentence('too small: expected >= 1', 'Enter at least 1.')).toBe('Enter at least 1.');
    expect(sentence('role must be `frontdesk`', '')).toBe('Role must be front desk.');
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      title: 'Invalid request',
      message: 'The request is not valid.',
      detail: '',
      errors: [{ path: 'body.name', message: 'Too small' }],
    });
    const { byField, formError } = placeFieldErrors(error, (p) => (p === 'name' ? 'name' : null), {
      name: 'Enter a name.',
    });
    expect(byField).toEqual({ name: 'Enter a name.' });
    expect(formError).toBe('Some details need correcting. See the messages beside the fields.');
    expect(firstInvalid(['name'] as const, byField)).toBe('name');
  });
});
