import type { Rule, RuleReport } from './rule.js';

export const sharedCooling: Rule = {
  meta: {
    id: 'RBC-R007',
    name: 'shared-cooling',
    severity: 'error',
    rationale: 'The checklist names "overheating": hardware "is vulnerable to damage or heat (CPU)", so a standby cooled by the same single unit as its primary overheats with it.',
    docs: {
      description: 'A standby and its primary stand in rooms cooled by one and the same single cooling unit: its failure overheats both.',
      fix: 'Cool the standby\'s room with another unit, or give the room a second cooling unit.',
    },
    messages: {
      oneUnit: 'Standby {{standby}} and its primary {{primary}} are both cooled only by cooling unit {{unit}} (site {{site}}): its failure overheats both.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary } of ctx.pairs) {
      const a = standby.placement;
      const b = primary.placement;
      if (a.type !== 'site' || b.type !== 'site' || a.site !== b.site || !a.room || !b.room) continue;
      const site = ctx.siteById.get(a.site);
      const ra = site?.rooms.find((r) => r.id === a.room);
      const rb = site?.rooms.find((r) => r.id === b.room);
      if (!ra || !rb || ra.cooling.length !== 1 || rb.cooling.length !== 1 || ra.cooling[0] !== rb.cooling[0]) continue;
      out.push({ messageId: 'oneUnit', path: standby.path, data: { standby: standby.id, primary: primary.id, unit: ra.cooling[0]!, site: a.site } });
    }
    return out;
  },
};
