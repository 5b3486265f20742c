import type { Rule, RuleReport } from './rule.js';

export const cloudWithoutSurvivableGateway: Rule = {
  meta: {
    id: 'RBC-R015',
    name: 'cloud-without-survivable-gateway',
    severity: 'error',
    rationale: '"A component can be installed onsite which manages local communication, in addition to using the local trunk line if the cloud connection were to fail."',
    docs: {
      description: 'A site is served only by cloud gateways, a policy covering it demands surviving a WAN outage, and no gateway at the site stands by for them (a local survivable gateway).',
      fix: 'Install a local survivable gateway at the site as a standby for the cloud PBX, with a local trunk for outbound and emergency calls.',
    },
    messages: {
      noLocalGateway: 'Site {{site}} is served only from the cloud ({{gateways}}), and policy {{policies}} demands surviving a WAN outage, but no gateway at the site stands by for the cloud.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      const servers = ctx.index.serversOf.get(site.id) ?? [];
      if (servers.length === 0 || !servers.every((g) => g.placement.type === 'cloud')) continue;
      const policies = ctx.demanding([site.id], 'wan-outage');
      if (policies.length === 0) continue;
      const local = servers.some((g) => ctx.index.standbysFor(g.id, site.id).some((s) => s.standby.placement.type === 'site' && s.standby.placement.site === site.id));
      if (local) continue;
      out.push({
        messageId: 'noLocalGateway',
        path: site.path,
        data: { site: site.id, gateways: servers.map((g) => g.id).join(', '), policies: policies.map((p) => p.id).join(', ') },
      });
    }
    return out;
  },
};
