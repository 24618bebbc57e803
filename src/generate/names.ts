/**
 * Personal names by language and script, e-mail addresses derived from them, and the look-alike
 * names a person uses on a second number (for identity resolution).
 */
import { distance } from 'fastest-levenshtein';
import { normalizeText } from '../enrich/text.js';
import type { Country, Language } from './market.js';
import type { Random } from './random.js';

export interface PersonName {
  first: string;
  last: string;
  /** How the person shows up as a WhatsApp profile or chat sender. */
  display: string;
}

const SPANISH_FIRST = [
  'Ana', 'María', 'Lucía', 'Carmen', 'Laura', 'Marta', 'Paula', 'Elena', 'Sara', 'Irene', 'Cristina', 'Alba', 'Claudia', 'Nuria',
  'Raquel', 'Silvia', 'Beatriz', 'Rocío', 'Pilar', 'Inés', 'Julia', 'Noelia', 'Lorena', 'Patricia', 'Teresa', 'Sofía', 'Andrea',
  'Javier', 'Carlos', 'José', 'Manuel', 'David', 'Daniel', 'Pablo', 'Álvaro', 'Sergio', 'Jorge', 'Alberto', 'Rubén', 'Diego',
  'Adrián', 'Iván', 'Hugo', 'Marcos', 'Raúl', 'Óscar', 'Miguel', 'Fernando', 'Tomás', 'Gonzalo', 'Ignacio', 'Rafael', 'Víctor',
  'Enrique', 'Antonio', 'Francisco', 'Luis', 'Andrés', 'Mario', 'Jaime',
];
const SPANISH_LAST = [
  'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz',
  'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez',
  'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio',
  'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto',
  'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Vidal', 'León', 'Herrera', 'Márquez', 'Peña', 'Flores',
];
const ENGLISH_FIRST = [
  'Emily', 'Grace', 'Chloe', 'Olivia', 'Sophie', 'Hannah', 'Jessica', 'Rachel', 'Amy', 'Karen', 'Vivian', 'Winnie', 'Cherry',
  'Queenie', 'Fiona', 'Joyce', 'Natalie', 'Zoe', 'Isabel', 'Helen', 'Jason', 'Kelvin', 'Jacky', 'Tommy', 'Eric', 'Alan', 'Brian',
  'Kevin', 'Ryan', 'Daniel', 'Michael', 'Peter', 'Samuel', 'Henry', 'Oscar', 'Raymond', 'Vincent', 'Terry', 'Gary', 'Edmund',
];
const ENGLISH_LAST = [
  'Smith', 'Brown', 'Wilson', 'Taylor', 'Clarke', 'Walker', 'Wright', 'Evans', 'Turner', 'Hughes', 'Cooper', 'Morgan', 'Bennett',
  'Chan', 'Wong', 'Lee', 'Cheung', 'Lau', 'Ho', 'Ng', 'Leung', 'Tang', 'Yip', 'Kwok', 'Lam', 'Tsang', 'Chow', 'Fung', 'Lin', 'Huang',
];
const CHINESE_FAMILY = [
  ['陳', 'Chan'], ['李', 'Lee'], ['張', 'Cheung'], ['黃', 'Wong'], ['林', 'Lin'], ['王', 'Wang'], ['吳', 'Ng'], ['劉', 'Lau'],
  ['梁', 'Leung'], ['何', 'Ho'], ['鄭', 'Cheng'], ['周', 'Chow'], ['蔡', 'Tsai'], ['楊', 'Yeung'], ['許', 'Hsu'], ['郭', 'Kwok'],
  ['謝', 'Tse'], ['曾', 'Tsang'], ['羅', 'Law'], ['馮', 'Fung'], ['鄧', 'Tang'], ['葉', 'Yip'], ['蘇', 'So'], ['潘', 'Poon'],
  ['朱', 'Chu'], ['胡', 'Wu'], ['莫', 'Mok'], ['麥', 'Mak'], ['簡', 'Kan'], ['魏', 'Ngai'],
] as const;
const CHINESE_GIVEN = [
  ['大', 'Tai'], ['美', 'Mei'], ['嘉', 'Ka'], ['家', 'Ka'], ['志', 'Chi'], ['偉', 'Wai'], ['詠', 'Wing'], ['欣', 'Yan'], ['子', 'Tsz'],
  ['俊', 'Chun'], ['文', 'Man'], ['明', 'Ming'], ['慧', 'Wai'], ['玲', 'Ling'], ['芷', 'Tsz'], ['晴', 'Ching'], ['浩', 'Ho'], ['雅', 'Nga'],
  ['婷', 'Ting'], ['宇', 'Yu'], ['思', 'Sze'], ['佩', 'Pui'], ['凱', 'Hoi'], ['健', 'Kin'], ['穎', 'Wing'], ['彤', 'Tung'], ['怡', 'Yi'],
  ['豪', 'Ho'], ['琪', 'Kei'], ['瑋', 'Wai'], ['雯', 'Man'], ['淑', 'Shu'], ['宏', 'Wang'], ['峰', 'Fung'], ['倩', 'Sin'], ['柏', 'Pak'],
] as const;

/** A name that fits the customer's language and country. */
export function drawName(language: Language, country: Country, random: Random): PersonName {
  if (language === 'es') {
    const first = random.pick(SPANISH_FIRST);
    const surname = random.pick(SPANISH_LAST);
    const last = `${surname} ${random.pick(SPANISH_LAST)}`;
    return { first, last, display: random.chance(0.5) ? `${first} ${last}` : `${first} ${surname}` };
  }
  if (language === 'en' && (country === 'ES' || random.chance(0.6))) {
    const first = random.pick(ENGLISH_FIRST);
    const last = random.pick(ENGLISH_LAST);
    return { first, last, display: `${first} ${last}` };
  }
  const [familyHan, familyLatin] = random.pick(CHINESE_FAMILY);
  const [givenHan1, givenLatin1] = random.pick(CHINESE_GIVEN);
  const [givenHan2, givenLatin2] = random.pick(CHINESE_GIVEN);
  if (language === 'zh' && random.chance(0.6)) {
    return { first: givenHan1 + givenHan2, last: familyHan, display: familyHan + givenHan1 + givenHan2 };
  }
  const given = `${givenLatin1} ${givenLatin2}`;
  return { first: given, last: familyLatin, display: `${familyLatin} ${given}` };
}

/** Similarity of two names as the identity rule measures it: 1 − Levenshtein / longer length. */
export function nameSimilarity(a: string, b: string): number {
  const left = normalizeText(a);
  const right = normalizeText(b);
  const longer = Math.max(left.length, right.length);
  return longer === 0 ? 1 : 1 - distance(left, right) / longer;
}

/**
 * How the same person names a second number: accents dropped, a typo, another emoji. Always at
 * least 80 % similar to the original, so the identity rule can link the two numbers.
 */
export function lookAlikeName(name: string, random: Random): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '');
  const candidates = [
    plain !== name ? plain : `${name} ${random.pick(['🌸', '😊', '✨', '🙂'])}`,
    name.toUpperCase(),
    typo(name, random),
    `${name.split(' ')[0]} ${name.split(' ').slice(1).join(' ')}.`,
    `${name} 📱`,
  ];
  const start = random.int(0, candidates.length - 1);
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[(start + i) % candidates.length];
    if (candidate !== name && nameSimilarity(candidate, name) >= 0.8) return candidate;
  }
  return `${name} 📱`;
}

function typo(name: string, random: Random): string {
  const letters = [...name];
  const positions = letters.map((letter, index) => (/\p{L}/u.test(letter) && index > 0 ? index : -1)).filter((index) => index > 0);
  if (positions.length === 0) return name;
  const at = random.pick(positions);
  letters[at] = letters[at] === 'e' ? 'a' : 'e';
  return letters.join('');
}

/** An e-mail address under a reserved example domain. */
export function emailFor(name: PersonName, serial: number, random: Random): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '');
  const local = ascii(name.first) && ascii(name.last) ? `${ascii(name.first)}.${ascii(name.last.split(' ')[0])}` : `cliente${serial}`;
  return `${local}${serial % 1000}@${random.pick(['example.com', 'example.net', 'example.org'])}`;
}
