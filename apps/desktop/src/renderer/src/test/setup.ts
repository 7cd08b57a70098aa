// The DOM matchers (toBeVisible, toHaveTextContent, …): an assertion about what the user sees, which can fail.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { NOW } from '../trips/trip-fixtures.ts';

// Every component test runs at the same instant, the one the fixtures are written for (holds that
// expire 30 minutes after NOW, stays in the weeks after it): a test must pass on any day, in any time
// zone. Only Date is faked, and it keeps ticking from NOW, so waits and debounces behave as in real
// time; a test that needs to move the clock by hand installs its own fake timers over this.
// Installed once here, for the fixtures a test file builds as it is imported, then before each test.
const freezeClock = () => vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
freezeClock();
beforeEach(freezeClock);

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
