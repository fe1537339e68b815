// Component tests run on two loaded cores beside the Rust build: a step that takes milliseconds alone
// can take over a second there. Every `vi.waitFor` therefore waits up to 5 s unless it says otherwise
// (Vitest's own default is 1 s), so a slow machine makes a test slower, never red.
import { vi } from 'vitest';

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { ...options, timeout: options?.timeout ?? 5_000 },
  )) as typeof vi.waitFor;
