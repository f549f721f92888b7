import { describe, expect, it } from 'vitest';
import { decodeRuleLink, encodeRuleLink, MAX_RULE_CHARS } from '@/lib/dllm/arena/share';

describe('sharing an arena rule by link', () => {
  it('round-trips code exactly, unicode and all', () => {
    const code = 'function chooseCommits(pass) {\n  // ≥ 0.8 “confident”\n  return pass.candidates.filter((c) => c.confidence > 0.8).map((c) => c.position);\n}\n';
    const link = encodeRuleLink(code);
    expect(link.startsWith('rule=v1.')).toBe(true);
    expect(decodeRuleLink(`#${link}`)).toBe(code);
    expect(decodeRuleLink(`#other=1&${link}`)).toBe(code);
  });

  it('a hash without a rule is null; damaged links throw a sentence, never return code', () => {
    expect(decodeRuleLink('')).toBeNull();
    expect(decodeRuleLink('#nb=v1.abc')).toBeNull();
    expect(() => decodeRuleLink('#rule=v2.abc')).toThrow(/unknown version/);
    expect(() => decodeRuleLink('#rule=v1.@@@')).toThrow(/damaged/);
    const link = encodeRuleLink('return 1;');
    expect(() => decodeRuleLink(`#${link.slice(0, -3)}AAA`)).toThrow(/damaged/);
    expect(() => encodeRuleLink('x'.repeat(MAX_RULE_CHARS + 1))).toThrow(/at most/);
    expect(() => encodeRuleLink('  ')).toThrow(/non-empty/);
  });
});
