// What the review masks in config and runbook diffs, and what it leaves readable.
import { describe, expect, it } from 'vitest';
import { MASK, maskLine, referencesSecret, unifiedDiff } from '../../review/index.js';

describe('maskLine', () => {
  it.each([
    ['  auth_pass 12345678', `  auth_pass ${MASK}`],
    ['password = "hunter2"', `password = "${MASK}"`],
    ['"secret_string": "abc", "x": 1', `"secret_string": "${MASK}", "x": 1`],
    ['community: public', `community: ${MASK}`],
    ['snmp: { credentials: aws-sm:meyer/snmp }', `snmp: { credentials: ${MASK} }`],
    ['Trunk credentials live in ssm:/meyer/trunk', `Trunk credentials live in ${MASK}`],
    ['modparam("auth_db", "password_column", "ha1")', 'modparam("auth_db", "password_column", "ha1")'],
  ])('%s', (line, masked) => {
    expect(maskLine(line)).toBe(masked);
  });

  it('leaves prose and block openers alone', () => {
    for (const line of ['The trunk password is rotated every 90 days.', 'vrrp_instance VI_1 {', 'authentication {', 'key: value', 'dispatcher_list: 10.0.0.1']) {
      expect(maskLine(line)).toBe(line);
    }
  });
});

describe('referencesSecret', () => {
  it('knows Secrets Manager, SSM, environment placeholders and sensitive variables', () => {
    expect(referencesSecret('${data.aws_secretsmanager_secret_version.sip.secret_string}')).toBe(true);
    expect(referencesSecret('arn:aws:ssm:eu-central-1:123456789012:parameter/meyer/snmp')).toBe(true);
    expect(referencesSecret(['a', { b: 'env:SIP_PASSWORD' }])).toBe(true);
    expect(referencesSecret('${var.psk}', new Set(['psk']))).toBe(true);
    expect(referencesSecret('${var.region}', new Set(['psk']))).toBe(false);
    expect(referencesSecret('t3.medium')).toBe(false);
  });
});

describe('unifiedDiff', () => {
  it('masks every line of the patch, context lines too, and counts additions and deletions', () => {
    const before = 'a: 1\npassword: old\nb: 2\n';
    const after = 'a: 1\npassword: new\nb: 3\n';
    const p = unifiedDiff('devices/x.yml', before, after, 'changed');
    expect(p.additions).toBe(2);
    expect(p.deletions).toBe(2);
    expect(p.text).not.toContain('old');
    expect(p.text).not.toContain('new');
    expect(p.text).toContain(`-password: ${MASK}`);
    expect(p.text!.split('\n').slice(0, 3)).toEqual(['--- a/devices/x.yml', '+++ b/devices/x.yml', '@@ -1,3 +1,3 @@']);
  });
});
