/**
 * Server-rendered pages of the demo authorization server: user picker, consent and error.
 * Plain HTML with inline styles and no external assets or scripts; labelled form controls,
 * fieldsets with legends and a visible focus ring, so keyboards and screen readers work.
 * Every interpolated value is HTML-escaped.
 */
import type { UserConfig } from './config.js';

/** What the login page shows. */
export interface LoginView {
  readonly uid: string;
  readonly clientName: string;
  readonly users: readonly UserConfig[];
  readonly error?: string;
}

/** What the consent page shows. */
export interface ConsentView {
  readonly uid: string;
  readonly clientName: string;
  readonly userName: string;
  readonly granted: readonly string[];
  readonly refused: readonly string[];
  /** Patient and encounter of an EHR launch, or of the signed-in member. */
  readonly context: { readonly patient?: string; readonly encounter?: string };
  /** Members a practitioner may pick as patient context (standalone `launch/patient`). */
  readonly patientChoices: readonly UserConfig[];
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;background:#f6f7f9;color:#111}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccd}
fieldset{border:1px solid #99a;margin:0 0 1rem;padding:.5rem 1rem}legend{font-weight:600}
.option{padding:.25rem 0}button{font:inherit;padding:.5rem 1.25rem;margin:.5rem .5rem 0 0}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}.error{color:#a00;font-weight:600}
.demo{background:#fff4ce;padding:.5rem;border:1px solid #c9a500}code{font-size:.95em}`;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

const DEMO_NOTE =
  '<p class="demo">Demo authorization server: synthetic users only, no passwords.</p>';

function userOption(user: UserConfig, index: number): string {
  const id = `user-${index}`;
  return `<div class="option"><input type="radio" id="${id}" name="user" required
 value="${escapeHtml(user.id)}" data-fhir-user="${escapeHtml(user.fhirUser)}">
<label for="${id}">${escapeHtml(user.displayName)}</label></div>`;
}

function userGroup(legend: string, users: readonly UserConfig[], offset: number): string {
  if (users.length === 0) return '';
  const options = users.map((user, i) => userOption(user, offset + i)).join('\n');
  return `<fieldset><legend>${legend}</legend>${options}</fieldset>`;
}

/** The user picker: members (patients) and practitioners as radio buttons. */
export function loginPage(view: LoginView): string {
  const members = view.users.filter((u) => u.fhirUser.startsWith('Patient/'));
  const others = view.users.filter((u) => !u.fhirUser.startsWith('Patient/'));
  const error = view.error ? `<p class="error" role="alert">${escapeHtml(view.error)}</p>` : '';
  const uid = escapeHtml(view.uid);
  return page(
    'Sign in',
    `<h1>Sign in</h1>${DEMO_NOTE}
<p><strong>${escapeHtml(view.clientName)}</strong> asks you to sign in.</p>${error}
<form id="login-form" method="post" action="/interaction/${uid}/login">
${userGroup('Members (patients)', members, 0)}
${userGroup('Practitioners', others, members.length)}
<button type="submit">Sign in</button></form>
<form id="abort-form" method="post" action="/interaction/${uid}/abort">
<button type="submit">Cancel</button></form>`,
  );
}

function scopeList(scopes: readonly string[]): string {
  return `<ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`;
}

function contextBlock(view: ConsentView): string {
  const { patient, encounter } = view.context;
  const lines = [
    patient ? `<li>Patient: <code>${escapeHtml(patient)}</code></li>` : '',
    encounter ? `<li>Encounter: <code>${escapeHtml(encounter)}</code></li>` : '',
  ].join('');
  if (lines) return `<h2>Launch context</h2><ul>${lines}</ul>`;
  if (view.patientChoices.length === 0) return '';
  const options = view.patientChoices
    .map(
      (u) =>
        `<option value="${escapeHtml(u.fhirUser.slice('Patient/'.length))}">` +
        `${escapeHtml(u.displayName)}</option>`,
    )
    .join('');
  return `<h2>Launch context</h2><label for="patient">Patient in context</label>
<select id="patient" name="patient" required><option value="">Choose a patient</option>${options}</select>`;
}

/** The consent step: granted and refused scopes, launch context, Allow / Deny. */
export function consentPage(view: ConsentView): string {
  const refused = view.refused.length
    ? `<h2>Not available to this app</h2>${scopeList(view.refused)}`
    : '';
  return page(
    'Allow access',
    `<h1>Allow access?</h1>${DEMO_NOTE}
<p><strong>${escapeHtml(view.clientName)}</strong> asks for access as
<strong>${escapeHtml(view.userName)}</strong>.</p>
<form id="consent-form" method="post" action="/interaction/${escapeHtml(view.uid)}/confirm">
<h2>Permissions</h2>${scopeList(view.granted)}${refused}${contextBlock(view)}
<div><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div></form>`,
  );
}

/** An error page (RFC 6749 error code and description), used when no redirect is possible. */
export function errorPage(error: string, description?: string): string {
  const detail = description ? `<p>${escapeHtml(description)}</p>` : '';
  return page(
    'Authorization error',
    `<h1>Authorization error</h1><p role="alert"><code>${escapeHtml(error)}</code></p>${detail}`,
  );
}
