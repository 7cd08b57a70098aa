/**
 * Car categories are ACRISS codes (`ECMR`, `SFAR`): four letters for size, body, transmission and
 * air conditioning. Rental desks read them at a glance; customers do not, so results spell them out.
 * A category that is not an ACRISS code (an admin's own word such as `economy`) is shown as it is.
 */

const SIZE: Readonly<Record<string, string>> = {
  M: 'Mini',
  N: 'Mini elite',
  E: 'Economy',
  H: 'Economy elite',
  C: 'Compact',
  D: 'Compact elite',
  I: 'Intermediate',
  J: 'Intermediate elite',
  S: 'Standard',
  R: 'Standard elite',
  F: 'Fullsize',
  G: 'Fullsize elite',
  P: 'Premium',
  U: 'Premium elite',
  L: 'Luxury',
  W: 'Luxury elite',
  O: 'Oversize',
  X: 'Special',
};

const BODY: Readonly<Record<string, string>> = {
  B: '2–3 door',
  C: '2/4 door',
  D: '4–5 door',
  W: 'estate',
  V: 'passenger van',
  L: 'limousine',
  S: 'sports car',
  T: 'convertible',
  F: 'SUV',
  J: 'open-air all terrain',
  X: 'special',
  P: 'pick-up',
  Q: 'pick-up, extended cab',
  Z: 'special offer car',
  E: 'coupé',
  M: 'monospace',
  R: 'recreational vehicle',
  H: 'motor home',
  Y: '2-wheel vehicle',
  N: 'roadster',
  G: 'crossover',
  K: 'commercial van',
};

const TRANSMISSION: Readonly<Record<string, string>> = {
  M: 'manual',
  N: 'manual, 4WD',
  C: 'manual, AWD',
  A: 'automatic',
  B: 'automatic, 4WD',
  D: 'automatic, AWD',
};

const AIR: Readonly<Record<string, string>> = {
  R: 'air conditioning',
  N: 'no air conditioning',
  D: 'diesel, air conditioning',
  Q: 'diesel, no air conditioning',
  H: 'hybrid, air conditioning',
  I: 'hybrid, no air conditioning',
  E: 'electric, air conditioning',
  C: 'electric, no air conditioning',
  L: 'LPG, air conditioning',
  S: 'LPG, no air conditioning',
  A: 'hydrogen, air conditioning',
  B: 'hydrogen, no air conditioning',
  M: 'multi-fuel, air conditioning',
  F: 'multi-fuel, no air conditioning',
  V: 'petrol, air conditioning',
  Z: 'petrol, no air conditioning',
  U: 'ethanol, air conditioning',
  X: 'ethanol, no air conditioning',
};

/** `SFAR` → `Standard SUV · automatic · air conditioning`; anything else as it was given. */
export function describeCarCategory(category: string): string {
  const [size, body, transmission, air] = [...category];
  if (category.length !== 4 || !size || !body || !transmission || !air) return category;
  const words = [SIZE[size], BODY[body], TRANSMISSION[transmission], AIR[air]];
  if (words.some((w) => w === undefined)) return category;
  return `${words[0]} ${words[1]} · ${words[2]} · ${words[3]}`;
}
