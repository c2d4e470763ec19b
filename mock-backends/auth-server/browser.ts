/**
 * A minimal scripted browser for the demo authorization server's pages: follows redirects,
 * keeps cookies, and submits the login and consent forms the way a person would. It stops at
 * the first redirect to the client's redirect URI and returns that URL (code or error).
 * Used only by client.ts; it understands the markup of views.ts and nothing else.
 */

/** What to pick on the server's pages. */
export interface BrowserChoices {
  /** The `fhirUser` of the demo user to sign in as, e.g. `Patient/member-0001`. */
  readonly fhirUser: string;
  /** Patient id picked on the consent page when the server offers a choice. */
  readonly patient?: string;
  /** Answer of the consent page. */
  readonly decision?: 'allow' | 'deny';
}

interface NextRequest {
  readonly url: URL;
  readonly body?: URLSearchParams;
}

const MAX_HOPS = 20;

/** Walks from the authorization URL to the redirect back to the client. */
export async function runAuthorization(
  authorizationUrl: URL,
  redirectUri: string,
  choices: BrowserChoices,
): Promise<URL> {
  const cookies = new Map<string, string>();
  let next: NextRequest = { url: authorizationUrl };
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const response = await send(next, cookies);
    const location = response.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (isRedirectUri(target, redirectUri)) return target;
      next = { url: target };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(pageError(response.status, html));
    next = submitPage(html, next.url, choices);
  }
  throw new Error('authorization did not finish within 20 requests');
}

async function send(request: NextRequest, cookies: Map<string, string>): Promise<Response> {
  const headers = new Headers({ accept: 'text/html' });
  if (cookies.size > 0) {
    headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
  }
  if (request.body) headers.set('content-type', 'application/x-www-form-urlencoded');
  const response = await fetch(request.url, {
    method: request.body ? 'POST' : 'GET',
    headers,
    body: request.body,
    redirect: 'manual',
  });
  keepCookies(response, cookies);
  return response;
}

function keepCookies(response: Response, cookies: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(header);
    if (expired || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
}

function isRedirectUri(target: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return target.origin === expected.origin && target.pathname === expected.pathname;
}

function submitPage(html: string, pageUrl: URL, choices: BrowserChoices): NextRequest {
  const login = formAction(html, 'login-form');
  if (login) {
    const user = userFor(html, choices.fhirUser);
    return { url: new URL(login, pageUrl), body: new URLSearchParams({ user }) };
  }
  const consent = formAction(html, 'consent-form');
  if (!consent) throw new Error(`unexpected page at ${pageUrl.pathname}`);
  const body = new URLSearchParams({ decision: choices.decision ?? 'allow' });
  if (choices.patient && html.includes('name="patient"')) body.set('patient', choices.patient);
  return { url: new URL(consent, pageUrl), body };
}

function formAction(html: string, id: string): string | undefined {
  const match = new RegExp(`<form id="${id}" method="post" action="([^"]+)"`).exec(html);
  return match?.[1] ? decodeEntities(match[1]) : undefined;
}

function userFor(html: string, fhirUser: string): string {
  const radios = html.matchAll(/<input type="radio"[^>]*value="([^"]*)" data-fhir-user="([^"]*)"/g);
  for (const [, value = '', user = ''] of radios) {
    if (decodeEntities(user) === fhirUser) return decodeEntities(value);
  }
  throw new Error(`no demo user with fhirUser ${fhirUser} on the login page`);
}

function pageError(status: number, html: string): string {
  const code = /<code>([^<]*)<\/code>/.exec(html)?.[1];
  return `authorization server answered HTTP ${status}${code ? ` (${decodeEntities(code)})` : ''}`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
