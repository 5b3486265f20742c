import type { Rule, RuleReport } from './rule.js';

export const upsAutonomyShort: Rule = {
  meta: {
    id: 'RBC-R005',
    name: 'ups-autonomy-short',
    severity: 'error',
    rationale: 'The checklist asks for the "power outage -> duration": a UPS (uninterruptible power supply) that runs dry before the mains return is no redundancy.',
    docs: {
      description: 'A UPS holds its load for less time than the longest power outage a policy covering its site names, and has no generator that starts in time and runs long enough.',
      fix: 'Give the UPS more battery autonomy, or a generator whose runtime covers the outage (and that starts before the battery is empty).',
    },
    messages: {
      tooShort: 'UPS {{ups}} at site {{site}} lasts {{autonomy}} min, but policy {{policy}} demands surviving a {{duration}} min power outage, and no generator covers it.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      let longest: { minutes: number; policy: string } | null = null;
      for (const p of ctx.policiesFor(site.id)) {
        for (const spec of p.scenarios) {
          if (spec.class === 'power-outage' && spec.durationMinutes !== null && (!longest || spec.durationMinutes > longest.minutes)) {
            longest = { minutes: spec.durationMinutes, policy: p.id };
          }
        }
      }
      if (!longest) continue;
      for (const ups of site.power.ups) {
        if (ups.autonomyMinutes >= longest.minutes) continue;
        const gen = ups.generator ? site.power.generators.find((g) => g.id === ups.generator) : undefined;
        if (gen && gen.runtimeHours * 60 >= longest.minutes && ups.autonomyMinutes * 60 >= gen.startSeconds) continue;
        out.push({
          messageId: 'tooShort',
          path: `${site.path}/power/${ups.id}`,
          data: { ups: ups.id, site: site.id, autonomy: ups.autonomyMinutes, policy: longest.policy, duration: longest.minutes },
        });
      }
    }
    return out;
  },
};
