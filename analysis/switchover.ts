// Switchover formulas shared by the analysis and the generators that configure the mechanism,
// so the time rbc predicts is the time the generated config produces.
import type { Detection, OnCall } from '../model/types.js';

/**
 * VRRP (keepalived): the backup declares the master down after 3 missed adverts plus its skew
 * time, skew = (256 - priority) / 256 x advert interval (RFC 5798 section 6.1).
 */
export function vrrpMasterDownSeconds(advertIntervalSeconds: number, backupPriority: number): number {
  return 3 * advertIntervalSeconds + ((256 - backupPriority) / 256) * advertIntervalSeconds;
}

/** Priority rbc gives the backup of a VRRP pair (the master gets 150). */
export const VRRP_BACKUP_PRIORITY = 100;
export const VRRP_MASTER_PRIORITY = 150;

/** Seconds until a hot standby serves again, by mechanism, with a readable breakdown. */
export function hotStandbyParts(d: Detection): { label: string; seconds: number }[] {
  switch (d.mechanism) {
    case 'vrrp':
      return [
        { label: `VRRP master-down (3 x ${d.probeIntervalSeconds} s advert + skew)`, seconds: round(vrrpMasterDownSeconds(d.probeIntervalSeconds, VRRP_BACKUP_PRIORITY)) },
        ...(d.reRegistrationSeconds > 0 ? [{ label: 're-registration', seconds: d.reRegistrationSeconds }] : []),
      ];
    case 'dns':
      return [
        { label: `DNS health check (${d.probeIntervalSeconds} s x ${d.failureThreshold})`, seconds: d.probeIntervalSeconds * d.failureThreshold },
        { label: `DNS TTL expiry (${d.dnsTtlSeconds} s)`, seconds: d.dnsTtlSeconds },
        ...(d.reRegistrationSeconds > 0 ? [{ label: 're-registration', seconds: d.reRegistrationSeconds }] : []),
      ];
    case 'dispatcher':
    case 'registration':
      return [
        { label: `detection (${d.probeIntervalSeconds} s x ${d.failureThreshold})`, seconds: round(d.probeIntervalSeconds * d.failureThreshold) },
        ...(d.reRegistrationSeconds > 0 ? [{ label: 're-registration of phones and trunks', seconds: d.reRegistrationSeconds }] : []),
      ];
  }
}

const DAY_INDEX: Record<string, number> = { 'mon-fri': 5, 'mon-sat': 6, 'mon-sun': 7 };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Worst-case seconds until a business-hours on-call can start to act: an alert just after the
 * hours end on the last working day waits until they start on the next working day.
 */
export function worstOutOfHoursWaitSeconds(onCall: OnCall): number {
  if (onCall.hours === '24x7') return 0;
  const workDays = DAY_INDEX[onCall.businessHours.days] ?? 5;
  const from = minutesOf(onCall.businessHours.from);
  const to = minutesOf(onCall.businessHours.to);
  const daily = to > from ? to - from : 24 * 60 - from + to;
  if (workDays === 7) return (24 * 60 - daily) * 60;
  const offDays = 7 - workDays;
  return ((24 * 60 - daily) + offDays * 24 * 60) * 60;
}

/** Cold standby: detection, then the on-call (worst case outside hours), then manual activation. */
export function coldStandbyParts(d: Detection, onCall: OnCall): { label: string; seconds: number }[] {
  const parts = [
    { label: `detection (${d.probeIntervalSeconds} s x ${d.failureThreshold})`, seconds: round(d.probeIntervalSeconds * d.failureThreshold) },
  ];
  const wait = worstOutOfHoursWaitSeconds(onCall);
  if (wait > 0) parts.push({ label: `waiting for on-call hours to resume (${onCall.businessHours.days} ${onCall.businessHours.from}-${onCall.businessHours.to}, worst case)`, seconds: wait });
  parts.push({ label: `on-call response (${onCall.responseMinutes} min)`, seconds: onCall.responseMinutes * 60 });
  parts.push({ label: `manual activation (${d.activationMinutes} min)`, seconds: d.activationMinutes * 60 });
  return parts;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
