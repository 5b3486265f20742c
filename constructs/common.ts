// Value types shared by several constructs: contacts and on-call.
import { compact } from './private/base.js';
import type { BContact, BOnCall } from './private/synth.js';

/** A person or desk to call. */
export interface ContactProps {
  /** Person or desk. */
  readonly name: string;
  /** Telephone number, digits with optional leading + and separators (space ( ) / -). @default none */
  readonly phone?: string;
  /** E-mail address. @default none */
  readonly email?: string;
  /** What this contact is for, e.g. "escalation". @default none */
  readonly role?: string;
}

/** When a business-hours on-call answers. */
export interface BusinessHoursProps {
  /** Days on which the on-call works. @default 'mon-fri' */
  readonly days?: 'mon-fri' | 'mon-sat' | 'mon-sun';
  /** Start, local time HH:MM. @default '08:00' */
  readonly from?: string;
  /** End, local time HH:MM. @default '18:00' */
  readonly to?: string;
}

/** The on-call that reacts to alerts and carries out manual switchovers. */
export interface OnCallProps {
  /** Name of the on-call team. */
  readonly team: string;
  /** Who is called, in order (at least one). */
  readonly contacts: readonly ContactProps[];
  /** `24x7`: someone answers at any time; `business`: only during businessHours (outside them the worst case waits until they resume). @default 'business' */
  readonly hours?: '24x7' | 'business';
  /** When a business-hours on-call answers. @default mon-fri, 08:00 to 18:00 */
  readonly businessHours?: BusinessHoursProps;
  /** Minutes from an alert until the on-call acts, within their hours. @default 30 */
  readonly responseMinutes?: number;
}

export function renderContact(c: ContactProps): BContact {
  return compact({ name: c.name, phone: c.phone, email: c.email, role: c.role });
}

export function renderOnCall(o: OnCallProps): BOnCall {
  return compact({
    team: o.team,
    contacts: o.contacts.map(renderContact),
    hours: o.hours,
    businessHours: o.businessHours ? compact({ days: o.businessHours.days, from: o.businessHours.from, to: o.businessHours.to }) : undefined,
    responseMinutes: o.responseMinutes,
  });
}
