/**
 * Checks made before any timing, so the figures measure what they claim: every way answers
 * the same member's read and search with data, and the gateway really verifies tokens and
 * scopes (a forged signature, a missing token and a token without the needed scope are
 * refused), so its figures include SMART authorization and nothing bypasses it.
 */

/** One way's base URL and the paths of the two cases for a member. */
export interface Target {
  readonly name: string;
  readonly origin: string;
  readonly readPath: (memberId: string) => string;
  readonly searchPath: (memberId: string) => string;
  readonly headers: Readonly<Record<string, string>>;
}

async function getJson(url: string, headers: Readonly<Record<string, string>>) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, body: text };
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

/** The member is in the read answer, and the search answer holds at least one row. */
export async function checkTarget(target: Target, memberId: string): Promise<void> {
  const read = await getJson(`${target.origin}${target.readPath(memberId)}`, target.headers);
  expect(read.status === 200, `${target.name} read answered ${read.status}`);
  expect(read.body.includes(memberId), `${target.name} read does not name the member`);
  const search = await getJson(`${target.origin}${target.searchPath(memberId)}`, target.headers);
  expect(search.status === 200, `${target.name} search answered ${search.status}`);
  expect(search.body.includes(memberId), `${target.name} search found nothing`);
}

/** A JWT with one character of its signature changed (still well-formed). */
function forged(token: string): string {
  const at = token.lastIndexOf('.') + 10;
  const flip = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${flip}${token.slice(at + 1)}`;
}

/**
 * The gateway refuses a forged token and a missing one (401) and a token whose scopes do not
 * cover Patient or Coverage (403), on the very URLs the benchmark sends.
 */
export async function checkGatewayAuth(
  gateway: Target,
  token: string,
  narrowToken: string,
  memberId: string,
): Promise<void> {
  expect(token.split('.').length === 3, 'the access token is not a JWT');
  const url = `${gateway.origin}${gateway.readPath(memberId)}`;
  const search = `${gateway.origin}${gateway.searchPath(memberId)}`;
  const cases: Array<[string, Record<string, string>, number]> = [
    [url, { authorization: `Bearer ${forged(token)}` }, 401],
    [url, {}, 401],
    [url, { authorization: `Bearer ${narrowToken}` }, 403],
    [search, { authorization: `Bearer ${narrowToken}` }, 403],
  ];
  for (const [target, headers, status] of cases) {
    const res = await getJson(target, headers);
    expect(res.status === status, `gateway answered ${res.status} instead of ${status}`);
  }
}
