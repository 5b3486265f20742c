// Section 1 (summary, roles, providers, promises, activation criteria) and the appendices
// (contact list, inventory) of a site's runbook.
import type { Contact, Model, Policy } from '../../model/types.js';
import type { SiteContext } from './context.js';
import { gatewayRole, placeText, trunkKind, trunkPath } from './describe.js';
import {
  PROVIDER_KIND_LABELS,
  ROLE_LABELS,
  byString,
  contactLine,
  formatDuration,
  formatMinutes,
  joinWords,
  onCallHours,
  reroutingText,
  serviceLabel,
} from './format.js';
import type { ContactView, Fact, InventoryView, PolicyView, ProviderView, SiteRunbookView, SummaryView } from './view.js';

export function contactView(c: Contact): ContactView {
  return { name: c.name, role: c.role, phone: c.phone, email: c.email, line: contactLine(c) };
}

export function locationText(ctx: SiteContext): string {
  const loc = ctx.site.emergency.location;
  if (!loc) return 'none given: emergency calls cannot be dispatched to an address';
  const lines = [loc.street, [loc.postalCode, loc.city].filter(Boolean).join(' '), loc.country, loc.floor, loc.room].filter((x): x is string => Boolean(x));
  return `${lines.join(', ')} (emergency routing area ${loc.area})`;
}

/** Who decides on the steps of the plan: the owners of the site's policies, else the deployment's owner. */
export function deciders(ctx: SiteContext): { names: string; sentence: string; short: string } {
  const owners = [...new Set(ctx.policies.map((p) => p.owner).filter((o): o is string => Boolean(o)))].sort(byString);
  const names = owners.length > 0 ? joinWords(owners) : ctx.index.model.deployment.owner;
  const sentence =
    `${names} ${owners.length > 1 ? 'decide' : 'decides'} on the steps that need a decision: activating a cold standby, asking a provider to reroute numbers, ` +
    `accepting a longer outage, declaring recovery. If ${owners.length > 1 ? 'none of them' : 'they'} cannot be reached within ${formatMinutes(ctx.site.onCall.responseMinutes)}, ` +
    `the on-call team ${ctx.site.onCall.team} decides and informs them. ${ctx.index.model.deployment.owner} is in charge of supplying the redundancy.`;
  const short = `${names}; if ${owners.length > 1 ? 'none of them' : 'they'} cannot be reached within ${formatMinutes(ctx.site.onCall.responseMinutes)}, the on-call team ${ctx.site.onCall.team}.`;
  return { names, sentence, short };
}

export function summaryFacts(ctx: SiteContext): Fact[] {
  const { site, index } = ctx;
  const m = index.model;
  const buildings = site.buildings.map((b) => {
    const zones = site.fireZones.filter((z) => z.building === b.id).map((z) => (z.name !== z.id ? `${z.name} (${z.id})` : z.id));
    return `${b.name !== b.id ? `${b.name} (${b.id})` : b.id}: fire zones ${joinWords(zones)}`;
  });
  const n = site.emergency.notification;
  return [
    { label: 'Site', value: `${site.name} (${site.id})` },
    { label: 'Deployment', value: m.deployment.name },
    { label: 'Role', value: ROLE_LABELS[site.role] },
    { label: 'Users (phones)', value: String(site.users) },
    { label: 'Buildings', value: buildings.join('; ') },
    { label: 'Emergency numbers', value: site.emergency.numbers.join(', ') },
    { label: 'Emergency location', value: locationText(ctx) },
    { label: 'Location dispatchable', value: site.emergency.dispatchable ? 'yes (street, city and floor or room are known)' : 'NO: street, city and floor or room are needed' },
    { label: 'Emergency call notification', value: n ? `${n.desk} (fire zone ${n.fireZone}${n.poeSwitch ? `, PoE switch ${n.poeSwitch}` : ''})` : 'none configured' },
    { label: 'Test calls to the emergency number', value: site.emergency.testCallsPermitted ? 'permitted when announced to the local authority' : 'not permitted' },
    { label: 'In charge of redundancy', value: m.deployment.owner },
    { label: 'Agreed recovery time without redundancy', value: formatMinutes(m.deployment.sla.recoveryMinutes) },
    { label: 'Backups', value: m.deployment.sla.backupResponsibility ?? 'no responsibility for backups is written down' },
  ];
}

export function providerViews(ctx: SiteContext): ProviderView[] {
  const { site } = ctx;
  return ctx.providers.map((p) => {
    const carries: string[] = [];
    for (const t of ctx.trunks.filter((x) => x.provider === p.id)) {
      carries.push(
        `trunk ${t.id}: ${trunkKind(t)}, ${t.channels} channels, via ${trunkPath(t)}${t.numberBlocks.length ? `, number blocks ${t.numberBlocks.join(', ')}` : ''}${t.emergency.capable ? ', emergency-capable' : ''}`,
      );
    }
    for (const u of site.uplinks.filter((x) => x.provider === p.id)) carries.push(`uplink ${u.id}: ${u.kind}${u.supplyLine ? ` via supply line ${u.supplyLine}` : ''}${u.vpn ? ', VPN to the cloud' : ''}`);
    for (const b of site.numberBlocks.filter((x) => x.provider === p.id)) carries.push(`owns number block ${b.id} (${b.range})`);
    if (ctx.index.model.cloud?.provider === p.id) carries.push(`hosts the cloud gateways ${ctx.gateways.filter((g) => g.placement.type === 'cloud').map((g) => g.id).join(', ')}`);
    return {
      id: p.id,
      name: p.name,
      kind: PROVIDER_KIND_LABELS[p.kind],
      emergencyCalls: p.kind === 'carrier' ? (p.emergencyCalls ? 'delivers emergency calls' : 'does NOT deliver emergency calls') : 'not a carrier',
      support: p.support ? contactView(p.support) : null,
      rerouting: p.kind === 'carrier' ? reroutingText(p) : 'not applicable',
      carries,
    };
  });
}

export function scenarioSpecText(p: Policy): string {
  return p.scenarios.map((s) => (s.class === 'power-outage' && s.durationMinutes !== null ? `power outage of ${formatMinutes(s.durationMinutes)}` : s.class.replace(/-/g, ' '))).join(', ');
}

export function policyViews(ctx: SiteContext): PolicyView[] {
  const violations = ctx.index.violationsBySite.get(ctx.site.id) ?? [];
  return ctx.policies.map((p) => {
    const mine = violations.filter((v) => v.policyId === p.id).length;
    const limit = [
      p.maxSwitchoverSeconds !== null ? `switchover at most ${formatDuration(p.maxSwitchoverSeconds)}` : 'no switchover limit',
      p.automatic ? 'automatic' : 'manual steps allowed',
      ...(p.backupRpoHours !== null ? [`backups at least every ${p.backupRpoHours} h`] : []),
    ].join(', ');
    return {
      id: p.id,
      description: p.description ?? '',
      services: joinWords(p.services.map(serviceLabel)),
      scenarios: scenarioSpecText(p),
      limit,
      owner: p.owner ?? ctx.index.model.deployment.owner,
      status: mine === 0 ? 'met' : `VIOLATED (${mine})`,
      met: mine === 0,
    };
  });
}

export function buildSummary(ctx: SiteContext, activation: SummaryView['activation'], decides: string): SummaryView {
  const o = ctx.site.onCall;
  return {
    facts: summaryFacts(ctx),
    onCall: { team: o.team, hours: onCallHours(o), response: formatMinutes(o.responseMinutes), contacts: o.contacts.map(contactView) },
    decides,
    providers: providerViews(ctx),
    policies: policyViews(ctx),
    activation,
  };
}

/** Appendix A: everyone a reader may have to call, by group. */
export function contactList(ctx: SiteContext): SiteRunbookView['contacts'] {
  const out: { group: string; contact: ContactView }[] = [];
  for (const c of ctx.site.onCall.contacts) out.push({ group: `On-call: ${ctx.site.onCall.team}`, contact: contactView(c) });
  if (ctx.site.onCall !== ctx.index.model.deployment.onCall) {
    for (const c of ctx.index.model.deployment.onCall.contacts) out.push({ group: `Deployment on-call: ${ctx.index.model.deployment.onCall.team}`, contact: contactView(c) });
  }
  for (const p of ctx.providers) {
    if (p.support) out.push({ group: `Provider: ${p.name}`, contact: contactView(p.support) });
    else out.push({ group: `Provider: ${p.name}`, contact: { name: 'no support contact in the blueprint', role: null, phone: null, email: null, line: 'no support contact in the blueprint' } });
  }
  const owners = [...new Set(ctx.policies.map((p) => p.owner).filter((o): o is string => Boolean(o)))].sort(byString);
  for (const o of owners) out.push({ group: 'Policy owner (decides)', contact: { name: o, role: null, phone: null, email: null, line: `${o} (see the on-call contacts for a number)` } });
  const emails = ctx.index.model.monitoring.alertEmails;
  for (const e of emails) out.push({ group: 'Alert e-mail', contact: { name: e, role: null, phone: null, email: e, line: e } });
  return out;
}

export function inventory(ctx: SiteContext): InventoryView {
  const { index, site } = ctx;
  const m: Model = index.model;
  const gateways = ctx.gateways.map((g) => ({
    id: g.id,
    name: g.name,
    role: gatewayRole(g, m),
    model: g.model ?? g.kind,
    place: placeText(g, index.sites),
    address: g.address ?? '–',
    power: g.psus.length > 0 ? `${g.psus.length} PSU${g.psus.length > 1 ? 's' : ''}: ${g.psus.join(', ')}` : g.form === 'cloud' ? 'cloud' : g.form === 'virtual' ? "the host's" : '–',
    services: g.services.map(serviceLabel).join(', '),
  }));
  const trunks = ctx.trunks.map((t) => ({
    id: t.id,
    provider: index.providers.get(t.provider)?.name ?? t.provider,
    kind: trunkKind(t),
    path: trunkPath(t),
    channels: String(t.channels),
    numbers: t.numberBlocks.join(', ') || '–',
    emergency: t.emergency.capable ? `yes (${t.emergency.areas.join(', ') || 'no area'})` : 'no',
  }));
  const numberBlocks = site.numberBlocks.map((n) => {
    const p = index.providers.get(n.provider);
    return { id: n.id, range: n.range, provider: p?.name ?? n.provider, rerouting: p ? reroutingText(p) : 'unknown provider' };
  });
  const power: Fact[] = [
    ...site.power.feeds.map((f) => ({ label: `Mains feed ${f.id}`, value: f.name })),
    ...site.power.ups.map((u) => ({
      label: `UPS ${u.id}`,
      value: `${u.autonomyMinutes} min autonomy, fed by ${u.inputs.join(', ')}${u.generator ? `, generator ${u.generator}` : ''}${u.fireZone ? `, in fire zone ${u.fireZone}` : ''}`,
    })),
    ...site.power.generators.map((g) => ({ label: `Generator ${g.id}`, value: `${g.name}: runs ${g.runtimeHours} h, carries the load after ${g.startSeconds} s` })),
    ...site.poeSwitches.map((p) => ({ label: `PoE switch ${p.id}`, value: `${p.phones} phones, fire zone ${p.fireZone}, powered by ${p.power}` })),
  ];
  const mon = m.monitoring;
  const monitoring: Fact[] = [
    { label: 'SNMP', value: mon.snmp ? `v3, manager ${mon.snmp.manager} (credentials by reference)` : 'none' },
    { label: 'Alert e-mail', value: mon.alertEmails.join(', ') || 'none' },
    { label: 'Syslog', value: mon.syslog ? `${mon.syslog.host}:${mon.syslog.port}` : 'none' },
    { label: 'Configuration changes logged', value: mon.configChangeLogging ? 'yes' : 'no' },
    { label: 'Monitored gateways', value: ctx.gateways.filter((g) => g.monitored).map((g) => g.id).join(', ') || 'none' },
  ];
  return { gateways, trunks, numberBlocks, power, monitoring };
}
