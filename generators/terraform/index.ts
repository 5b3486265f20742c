// The terraform generator (see generator.ts); this module only re-exports.
import type { Generator } from '../types.js';
import { generateTerraform, type TerraformOptions } from './generator.js';

export const terraformGenerator: Generator = {
  id: 'terraform',
  description: 'Terraform (cdktf stacks) for the cloud parts: shared, per region, per VPN site, per cloud trunk',
  generate: (model, _assessment, options) => {
    const { files, diagnostics } = generateTerraform(model, options as TerraformOptions);
    return { files, diagnostics };
  },
};

export { generateTerraform, findingDiagnostics, type TerraformOptions, type TerraformResult } from './generator.js';
export { buildPlan, type CloudPlan } from './plan.js';
export { runRules, TERRAFORM_RULES, type TerraformFinding, type RulesReport } from './rules/index.js';
