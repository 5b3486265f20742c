import type { ServiceKind } from '../schema/blueprint.js';

/** Names of the whitepaper's checklist services, as a user reads them in reports. */
export const SERVICE_LABELS: Readonly<Record<ServiceKind, string>> = {
  internal: 'Internal calls',
  incoming: 'Incoming calls',
  outbound: 'Outbound calls',
  emergency: 'Emergency calls',
  'operator-desk': 'Operator desk',
  'call-centre-telephony': 'Call centre telephony',
  'call-centre-chat': 'Call centre chat',
  'call-centre-email': 'Call centre e-mail',
  cti: 'CTI / dialling help',
  video: 'Video communication',
  'application-sharing': 'Application sharing',
  fax: 'Fax',
  presence: 'Presence',
  crm: 'CRM integration',
  erp: 'ERP integration',
  'trouble-ticket': 'Trouble ticket system',
  alerting: 'Alerting system',
  other: 'Other service',
};

/** A PBX hosts basic telephony unless the blueprint says otherwise. */
export const DEFAULT_PBX_SERVICES: readonly ServiceKind[] = ['emergency', 'incoming', 'internal', 'outbound'];

/** Services that place or take calls on a trunk. */
export const TRUNK_SERVICES: ReadonlySet<ServiceKind> = new Set<ServiceKind>(['incoming', 'outbound', 'emergency']);
