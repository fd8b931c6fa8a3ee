import { usage } from '@/lib/core/errors';

/**
 * The Exchange attributes a Directory Synchronization object's Incoming and Outgoing Templates can
 * map (reference 5.2; the old program's recipient General tab fields). Pure: the sheet's dialogs
 * check with the same rules before anything is sent.
 */
export const TEMPLATE_ATTRIBUTES = [
  'First name',
  'Initials',
  'Last name',
  'Title',
  'Company',
  'Department',
  'Office',
  'Assistant',
  'Phone',
  'Address',
  'City',
  'State',
  'Zip Code',
  'Country',
  'Notes',
] as const;

export type TemplateAttribute = (typeof TEMPLATE_ATTRIBUTES)[number];

/** "Initials" is missing from the attribute list on Exchange 4.0 (KB Q150968). */
export function attributesFor(version: string): TemplateAttribute[] {
  return TEMPLATE_ATTRIBUTES.filter((a) => a !== 'Initials' || version !== '4.0');
}

export function checkAttribute(name: string, version: string): TemplateAttribute {
  const a = TEMPLATE_ATTRIBUTES.find((x) => x.toLowerCase() === name.trim().toLowerCase());
  if (a === 'Initials' && version === '4.0') {
    throw usage('Initials is not in the attribute list on Exchange 4.0 (KB Q150968): upgrade the server, or map another attribute');
  }
  if (!a) throw usage(`"${name}" is not an Exchange attribute templates can map: use one of ${attributesFor(version).join(', ')}`);
  return a;
}

/** An MS Mail template prompt holds 30 characters, its colon included (the width of a full name). */
export const PROMPT_MAX = 30;

/** A template prompt as MS Mail writes it: `Department:` — the colon is part of it (KB Q228601). */
export function checkPrompt(prompt: string): string {
  const p = prompt.trim();
  if (!p || p === ':') throw usage('Template prompt is required, e.g. "Department:"');
  if (/[\u0000-\u001f\u007f]/.test(p)) throw usage('Template prompt cannot contain tabs, line breaks or other control characters');
  if (!p.endsWith(':')) throw usage(`Template prompt "${p}" must end with a colon, as MS Mail writes it: "${p}:" (KB Q228601)`);
  if (p.length > PROMPT_MAX) throw usage(`Template prompt "${p}" is ${p.length} characters: at most ${PROMPT_MAX}, the colon included`);
  return p;
}

/** An attribute's value: one line of at most 256 characters (an empty one clears it). */
export const VALUE_MAX = 256;

export function checkAttributeValue(attribute: string, value: string): string {
  const v = value.trim();
  if (/[\u0000-\u001f\u007f]/.test(v)) throw usage(`${attribute} cannot contain tabs, line breaks or other control characters`);
  if (v.length > VALUE_MAX) throw usage(`${attribute} is ${v.length} characters: at most ${VALUE_MAX}`);
  return v;
}

/** `- Department:/Sales`: a literal `/` in the prompt is doubled (reference 8.3, `City//ST//Zip:`). */
export function formatTemplateLine(prompt: string, value: string): string {
  return `- ${prompt.replace(/\//g, '//')}/${value}`;
}

/** The prompt and value of a template line, or null when it is not one. */
export function parseTemplateLine(line: string): { prompt: string; value: string } | null {
  const body = line.replace(/^ *- ?/, '');
  if (body === line && !line.startsWith('-')) return null;
  let prompt = '';
  for (let k = 0; k < body.length; k++) {
    if (body[k] !== '/') prompt += body[k];
    else if (body[k + 1] === '/') {
      prompt += '/';
      k++;
    } else return { prompt, value: body.slice(k + 1) };
  }
  return null;
}

/** A recipient's attributes as given (name → value), each name and value checked. */
export function checkAttributes(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const a = TEMPLATE_ATTRIBUTES.find((x) => x.toLowerCase() === name.trim().toLowerCase());
    if (!a) throw usage(`"${name}" is not a recipient attribute: use one of ${TEMPLATE_ATTRIBUTES.join(', ')}`);
    out[a] = checkAttributeValue(a, value);
  }
  return out;
}
