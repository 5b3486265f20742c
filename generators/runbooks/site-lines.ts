// The parts of a procedure that read the same in every procedure of a site: whom to call and
// inform, what to announce when emergency calls are lost, how to check a service, whom to report
// a provider's fault to, how recovery is declared. A site faces tens of scenarios, so these are
// written once per site and shared by its procedures (the views are read-only).
import type { Service } from '../../model/types.js';
import type { SiteContext } from './context.js';
import { contactLine, formatMinutes, joinWords, onCallHours, serviceLabel } from './format.js';
import type { StepView } from './view.js';

export interface SiteLines {
  /** Each service's label, in the order of the site's services. */
  readonly labels: readonly string[];
  /** The notification steps every full procedure starts with. */
  readonly notify: readonly StepView[];
  readonly emergencyProvided: boolean;
  /** What to announce, and where to keep a mobile phone, while the phones cannot make emergency calls. */
  readonly emergencyDetails: readonly string[];
  /** Where a gateway's alert goes: "mailed to ..." or "shown in monitoring ...". */
  readonly alertTarget: string;
  /** The check of a service on the normal path (appendix C). */
  readonly check: (svc: Service) => string;
  /** The line for reporting a fault to a provider. */
  readonly reportTo: (providerId: string) => string;
  /** The failback step that announces emergency calls work again. */
  readonly emergencyBack: StepView;
  /** The last failback step. */
  readonly declareRecovery: StepView;
}

export function siteLines(
  ctx: SiteContext,
  services: readonly Service[],
  deciders: { readonly names: string },
  checkOf: (ctx: SiteContext, svc: Service) => string,
): SiteLines {
  const { site, index } = ctx;
  const onCall = site.onCall;
  const notify: StepView[] = [
    {
      text: `Call the on-call team ${onCall.team} (${onCallHours(onCall)}; they act within ${formatMinutes(onCall.responseMinutes)}), in this order:`,
      details: onCall.contacts.map(contactLine),
    },
  ];
  if (onCall.hours === 'business') {
    notify.push({
      text: `Outside those hours nobody is on call: leave the alert with the first contact and, if emergency calls or the operator desk are lost, call the escalation contact${onCall.contacts.some((c) => c.role) ? '' : ' (the last one in the list)'} directly.`,
      details: [],
    });
  }
  notify.push({ text: `Inform ${deciders.names}, who decide${/ and /.test(deciders.names) ? '' : 's'} on the steps below that need a decision.`, details: [] });

  const loc = site.emergency.location;
  const address = loc ? [loc.street, [loc.postalCode, loc.city].filter(Boolean).join(' '), loc.floor, loc.room].filter(Boolean).join(', ') : 'the site address';
  const mails = index.model.monitoring.alertEmails;
  const checks = new Map<Service, string>();
  const reports = new Map<string, string>();
  return {
    labels: services.map((svc) => (serviceLabel(svc.kind) === svc.name ? svc.name : `${svc.name} (${serviceLabel(svc.kind)})`)),
    notify,
    emergencyProvided: services.some((s) => s.kind === 'emergency'),
    emergencyDetails: [
      `Announce to everyone at the site: "Emergency calls (${joinWords(site.emergency.numbers, 'or')}) only from a mobile phone; give the address ${address}."`,
      site.emergency.notification ? `Keep a charged mobile phone at the ${site.emergency.notification.desk}.` : 'Keep a charged mobile phone at the entrance or the reception.',
    ],
    alertTarget: mails.length ? `mailed to ${joinWords(mails)}` : 'shown in monitoring (no alert e-mail is configured)',
    check: (svc) => {
      let line = checks.get(svc);
      if (line === undefined) checks.set(svc, (line = checkOf(ctx, svc)));
      return line;
    },
    reportTo: (id) => {
      let line = reports.get(id);
      if (line === undefined) {
        const p = index.providers.get(id);
        line = p?.support ? `${p.name}: ${contactLine(p.support)}` : `${p?.name ?? id}: no support contact in the blueprint (use the contract's hotline)`;
        reports.set(id, line);
      }
      return line;
    },
    emergencyBack: { text: `Tell everyone at the site that emergency calls (${joinWords(site.emergency.numbers, 'or')}) work from the phones again.`, details: [] },
    declareRecovery: {
      text: `Declare recovery (decided by ${deciders.names}): confirm normal operation, tell the users${site.emergency.notification ? ` and the ${site.emergency.notification.desk}` : ''}, and record the event as described in section 1.5.`,
      details: [],
    },
  };
}
