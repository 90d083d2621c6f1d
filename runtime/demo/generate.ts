/** Realistic sample data for demos and benchmarks: deterministic for a given seed. */

const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elena',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Karin',
  'Luis',
  'Maja',
  'Noah',
  'Olga',
  'Pierre',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Ulla',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Schmidt',
  'Martin',
  'García',
  'Müller',
  'Bernard',
  'López',
  'Weber',
  'Dubois',
  'Fernández',
  'Fischer',
  'Moreau',
  'Ruiz',
  'Becker',
  'Laurent',
  'Navarro',
  'Hoffmann',
  'Simon',
  'Ortega',
  'Koch',
  'Lefèvre',
];
const COMPANY_A = [
  'Nordic',
  'Alpine',
  'Atlantic',
  'Bright',
  'Cedar',
  'Delta',
  'Evergreen',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Keystone',
  'Lumen',
  'Meridian',
];
const COMPANY_B = ['Logistics', 'Bakery', 'Dental', 'Software', 'Builders', 'Consulting', 'Textiles', 'Foods', 'Energy', 'Studios', 'Motors', 'Pharma'];
const SUBJECTS = [
  'Invoice shows the wrong amount',
  'Cannot log in to the portal',
  'Delivery arrived damaged',
  'Request for a quote update',
  'Question about the warranty',
  'Order is late',
  'Need a copy of the contract',
];

/** A small, fast, seeded pseudo-random generator (mulberry32). */
export function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export type Rng = ReturnType<typeof random>;

export function person(rng: Rng) {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  const company = `${rng.pick(COMPANY_A)} ${rng.pick(COMPANY_B)}`;
  const email =
    `${firstName}.${lastName}`
      .normalize('NFKD')
      .replace(/[^\w.]/g, '')
      .toLowerCase() + `@${company.toLowerCase().replace(/\s+/g, '')}.example`;
  return { firstName, lastName, company, email, phone: `+49 30 ${rng.int(1000000, 9999999)}` };
}

const date = (rng: Rng, days: number) => new Date(Date.UTC(2026, 10, 1) + rng.int(-days, days) * 86400000).toISOString().slice(0, 10);

/** Form data for one record of a built-in entity, valid against the default bundle's forms. */
export function sampleData(entity: string, rng: Rng): Record<string, unknown> {
  const p = person(rng);
  switch (entity) {
    case 'lead':
      return {
        firstName: p.firstName,
        lastName: p.lastName,
        company: p.company,
        email: p.email,
        phone: p.phone,
        source: rng.pick(['web', 'referral', 'event', 'partner', 'cold_call']),
        rating: rng.pick(['hot', 'warm', 'cold']),
        estimatedValue: rng.int(10, 500) * 100,
      };
    case 'opportunity':
      return {
        name: `${p.company} – ${rng.pick(['renewal', 'expansion', 'new licences', 'pilot'])}`,
        amount: rng.int(5, 900) * 100,
        closeDate: date(rng, 120),
        nextStep: rng.pick(['Send proposal', 'Demo call', 'Negotiate terms', 'Wait for budget']),
      };
    case 'case':
      return {
        subject: rng.pick(SUBJECTS),
        priority: rng.pick(['low', 'normal', 'normal', 'high', 'urgent']),
        origin: rng.pick(['email', 'phone', 'web', 'chat']),
        description: `Reported by ${p.firstName} ${p.lastName} of ${p.company}.`,
      };
    case 'contact':
      return {
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
        phone: p.phone,
        mailingCity: rng.pick(['Berlin', 'Lyon', 'Madrid', 'Vienna', 'Zurich']),
      };
    default:
      return { name: p.company, phone: p.phone, city: rng.pick(['Berlin', 'Lyon', 'Madrid', 'Vienna', 'Zurich']), employees: rng.int(2, 500) };
  }
}
