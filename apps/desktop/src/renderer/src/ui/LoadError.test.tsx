import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LoadError } from './LoadError.tsx';

describe('LoadError', () => {
  it('says what went wrong and tries again', async () => {
    const retry = vi.fn();
    render(<LoadError error={{ message: 'The server did not answer.' }} retry={retry} />);
    expect(screen.getByRole('alert').textContent).toContain('The server did not answer.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('words the error in context when asked', () => {
    render(
      <LoadError
        error={{ message: 'Timed out.' }}
        retry={() => {}}
        message="The stays could not be loaded: Timed out."
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The stays could not be loaded: Timed out.');
  });
});
