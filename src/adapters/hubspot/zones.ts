/**
 * HubSpot's contact property `hs_timezone` holds an IANA zone in its own spelling: lower case,
 * `/` written `_slash_` and `-` written `_hyphen_` (`america_slash_new_york`,
 * `america_slash_port_hyphen_au_hyphen_prince`, `us_slash_east_hyphen_indiana`). The engine needs
 * the IANA name itself, so this turns the slug back into one and checks that the zone exists.
 *
 * Upper and lower case are lost in the slug. Zones the runtime lists (`Intl.supportedValuesOf`)
 * get their exact spelling from that list; the rest (old aliases such as `US/Eastern`,
 * `Australia/NSW`) are spelled by the tz database's own rules of capitalisation, with the few
 * irregular names written out. Case matters to no time zone lookup, but it does to a CRM developer
 * comparing zones, and it keeps the output the same on every Node version (Node 20 resolves
 * `Asia/Kolkata` to `Asia/Calcutta`; we keep the name HubSpot gave).
 */
import { isValidZone } from '../../time/zones.js';

// Names whose case no word-by-word rule can find.
const IRREGULAR_NAMES = [
  'America/Argentina/ComodRivadavia',
  'Antarctica/DumontDUrville',
  'Antarctica/McMurdo',
  'Brazil/DeNoronha',
  'Chile/EasterIsland',
  'Mexico/BajaNorte',
  'Mexico/BajaSur',
  'EST5EDT',
  'CST6CDT',
  'MST7MDT',
  'PST8PDT',
];

// Words the tz database writes in capitals (US/Eastern, Australia/ACT, America/Knox_IN, W-SU …).
const UPPER_WORDS = new Set([
  'us',
  'gb',
  'nz',
  'prc',
  'roc',
  'rok',
  'uct',
  'utc',
  'gmt',
  'act',
  'lhi',
  'nsw',
  'in',
  'chat',
  'su',
  'est',
  'mst',
  'hst',
]);
// Particles the tz database keeps in lower case inside a name (Port_of_Spain, Dar_es_Salaam, Port-au-Prince).
const LOWER_WORDS = new Set(['of', 'es', 'au']);

let exactSpelling: Map<string, string> | undefined;

function spellings(): Map<string, string> {
  if (exactSpelling === undefined) {
    exactSpelling = new Map();
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    for (const name of [...listed, ...IRREGULAR_NAMES]) exactSpelling.set(name.toLowerCase(), name);
  }
  return exactSpelling;
}

/** `new_york` → `New_York`, `port-au-prince` → `Port-au-Prince`, `us` → `US`. */
function spellSegment(segment: string): string {
  let first = true;
  return segment.replace(/[a-z0-9]+/g, (word) => {
    const spelled = UPPER_WORDS.has(word)
      ? word.toUpperCase()
      : !first && LOWER_WORDS.has(word)
        ? word
        : word.charAt(0).toUpperCase() + word.slice(1);
    first = false;
    return spelled;
  });
}

/**
 * The IANA zone for a HubSpot `hs_timezone` value, or undefined when it names no known zone.
 * A value already written as an IANA name (`Europe/London`) is accepted as it is.
 *
 * @example
 * hubSpotTimeZone('america_slash_new_york') // 'America/New_York'
 * hubSpotTimeZone('us_slash_east_hyphen_indiana') // 'US/East-Indiana'
 * hubSpotTimeZone('mars_slash_olympus') // undefined
 */
export function hubSpotTimeZone(value: string): string | undefined {
  // A portal holds a few dozen distinct values across all its contacts: each is worked out once.
  if (resolved.has(value)) return resolved.get(value) ?? undefined;
  const zone = resolve(value);
  if (resolved.size >= MAX_RESOLVED) resolved.clear();
  resolved.set(value, zone ?? null);
  return zone;
}

const MAX_RESOLVED = 4096;
const resolved = new Map<string, string | null>();

function resolve(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const lower = trimmed.toLowerCase().replaceAll('_slash_', '/').replaceAll('_hyphen_', '-');
  const listed = spellings().get(lower);
  if (listed !== undefined) return isValidZone(listed) ? listed : undefined;
  // An IANA name written as such (an alias the runtime does not list, such as US/Eastern) stays as given.
  if (trimmed !== trimmed.toLowerCase() && !trimmed.includes('_slash_') && isValidZone(trimmed)) return trimmed;
  const name = lower.split('/').map(spellSegment).join('/');
  return isValidZone(name) ? name : undefined;
}
