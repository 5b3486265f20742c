import type { Rule, RuleReport } from './rule.js';
import { shared, spotsOf } from './placement.js';

export const standbySameFireZone: Rule = {
  meta: {
    id: 'RBC-R001',
    name: 'standby-same-fire-zone',
    severity: 'error',
    rationale: 'Geographic redundancy: "setting up duplicated hardware at geographically different locations" so that "downtime due to local incidents (such as flooding, fire, lightning) can thus be prevented".',
    docs: {
      description: 'A standby runs in the same fire zone as its primary (or, in the cloud, in the same availability zone): one fire, flood or AZ outage takes both.',
      fix: 'Place the standby in another fire zone (another room behind a fire wall), another building or another site; in the cloud, in another availability zone.',
    },
    messages: {
      sameFireZone: 'Standby {{standby}} runs in the same fire zone {{zone}} (site {{site}}) as its primary {{primary}}: a fire or flood there takes both.',
      sameAz: 'Standby {{standby}} runs in the same availability zone {{az}} as its primary {{primary}}: an outage of that AZ takes both.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary } of ctx.pairs) {
      if (standby.placement.type === 'cloud' && primary.placement.type === 'cloud') {
        if (standby.placement.az === primary.placement.az) {
          out.push({ messageId: 'sameAz', path: standby.path, data: { standby: standby.id, primary: primary.id, az: standby.placement.az } });
        }
        continue;
      }
      if (standby.placement.type !== 'site' || primary.placement.type !== 'site' || standby.placement.site !== primary.placement.site) continue;
      const site = ctx.siteById.get(standby.placement.site);
      const a = spotsOf(standby, site);
      const b = spotsOf(primary, site);
      const zone = shared(a, 'fireZone');
      if (zone !== null && zone === shared(b, 'fireZone')) {
        out.push({ messageId: 'sameFireZone', path: standby.path, data: { standby: standby.id, primary: primary.id, zone, site: standby.placement.site } });
      }
    }
    return out;
  },
};
