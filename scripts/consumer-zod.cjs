// calling-cycle/zod from the packed package, by require (and, from the .mjs beside it, by import):
// the zod schemas give parsePolicy's verdict and issues, and the engine's entry loads no zod.
function check({ safeParsePolicy }, { policySchema, contactSchema }, how) {
  const good = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' };
  const bad = { version: 1, tiers: [{ id: '', cycles: [{ id: 'c', cadence: { every: 'P14X' }, graceDays: -1 }] }], colour: 'red' };
  if (!policySchema.safeParse(good).success || !safeParsePolicy(good).success) throw new Error('zod: a good policy was refused');
  const theirs = policySchema.safeParse(bad).error.issues.map(({ code, path, message }) => ({ code, path, message }));
  const ours = safeParsePolicy(bad).issues;
  if (JSON.stringify(theirs) !== JSON.stringify(ours)) throw new Error(`zod: issues differ\n${JSON.stringify(theirs)}\n${JSON.stringify(ours)}`);
  if (contactSchema.safeParse({ id: 'c1', timeZone: 'Mars/Olympus' }).success) throw new Error('zod: an unknown zone was accepted');
  console.log(`zod (${how}): policySchema gives parsePolicy's ${ours.length} issues`);
}

module.exports = check;
if (require.main === module) {
  const before = Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file));
  const core = require('calling-cycle');
  if (!before && Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file)))
    throw new Error('require("calling-cycle") loaded zod');
  check(core, require('calling-cycle/zod'), 'require');
}
