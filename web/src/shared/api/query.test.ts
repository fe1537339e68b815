import { describe, expect, it } from 'vitest';
import { createQueryClient, putAnswer } from './query';

describe('putAnswer', () => {
  it('keeps the answer to a change when a read that left before it lands afterwards', async () => {
    const client = createQueryClient();
    let land: (v: string) => void = () => {};
    const reading = client.fetchQuery({ queryKey: ['me'], queryFn: () => new Promise<string>((r) => (land = r)) });
    putAnswer(client, ['me'], 'after the change');
    land('before the change');
    await reading.catch(() => {});
    expect(client.getQueryData(['me'])).toBe('after the change');
  });
});
