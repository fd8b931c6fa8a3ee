import { describe, expect, it } from 'vitest';
import { answerOf, NO_ANSWER, noAnswer, serverFailed } from '@/components/ui/use-action';

// A failed request is answered as a refusal (docs/console.md, "A request that fails says so where
// the answer would have been"), so it never reaches the page's error boundary.
describe('answerOf', () => {
  it('passes an answer through, a refusal included', async () => {
    expect(await answerOf(async () => ({ ok: true as const, data: 1 }))).toEqual({ ok: true, data: 1 });
    expect(await answerOf(async () => ({ ok: false as const, error: 'No' }))).toEqual({ ok: false, error: 'No' });
  });

  it('answers a request that never came back (the fetch failed) as "did not answer"', async () => {
    expect(await answerOf(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({ ok: false, error: NO_ANSWER });
  });

  it("answers the server's own failure with its digest, which the server's log carries", async () => {
    const failure = Object.assign(new Error('An error occurred in the Server Components render.'), { digest: '2814097362' });
    expect(await answerOf(() => Promise.reject(failure))).toEqual({ ok: false, error: serverFailed('2814097362') });
    expect(serverFailed('2814097362')).toContain('error 2814097362');
  });

  it("throws Next's own signals on (a redirect is the router's, not a failure)", async () => {
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' });
    await expect(answerOf(() => Promise.reject(redirect))).rejects.toBe(redirect);
  });

  it("tells fetch's failure from a page's own TypeError (the error page says which)", () => {
    expect(noAnswer(new TypeError('Failed to fetch'))).toBe(true);
    expect(noAnswer(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(true);
    expect(noAnswer(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(noAnswer(new Error('Failed to fetch'))).toBe(false);
  });
});
