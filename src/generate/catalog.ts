/**
 * The shop's catalogue: SKUs, their names in each language, sizes and base prices (HKD cents).
 */
import type { Language } from './market.js';
import { WeightedTable } from './random.js';

export interface Product {
  sku: string;
  /** Product page slug, used in tracked links. */
  slug: string;
  name: Record<Language, string>;
  /** The size a customer asks for, when the product comes in sizes. */
  size?: string;
  hkdCents: number;
  popularity: number;
}

interface Line {
  code: string;
  name: Record<Language, string>;
  gender: Gender;
  hkd: number;
  popularity: number;
  sizes: readonly string[];
  colors: readonly Color[];
}

type Color = 'BLK' | 'WHT' | 'GRY' | 'CML' | 'NVY' | 'OLV' | 'RED' | 'BLU' | 'BEI';

/** Spanish colour adjectives agree with the noun: masculine, feminine, feminine plural. */
type Gender = 'm' | 'f' | 'fp';

const COLOR_NAMES: Record<Color, { es: Record<Gender, string>; en: string; zh: string }> = {
  BLK: { es: { m: 'negro', f: 'negra', fp: 'negras' }, en: 'black', zh: '黑色' },
  WHT: { es: { m: 'blanco', f: 'blanca', fp: 'blancas' }, en: 'white', zh: '白色' },
  GRY: { es: { m: 'gris', f: 'gris', fp: 'grises' }, en: 'grey', zh: '灰色' },
  CML: { es: { m: 'camel', f: 'camel', fp: 'camel' }, en: 'camel', zh: '駝色' },
  NVY: { es: { m: 'azul marino', f: 'azul marino', fp: 'azul marino' }, en: 'navy', zh: '深藍色' },
  OLV: { es: { m: 'verde oliva', f: 'verde oliva', fp: 'verde oliva' }, en: 'olive', zh: '橄欖綠' },
  RED: { es: { m: 'rojo', f: 'roja', fp: 'rojas' }, en: 'red', zh: '紅色' },
  BLU: { es: { m: 'azul', f: 'azul', fp: 'azules' }, en: 'blue', zh: '藍色' },
  BEI: { es: { m: 'beige', f: 'beige', fp: 'beige' }, en: 'beige', zh: '米色' },
};

const LINES: readonly Line[] = [
  { code: 'TS', gender: 'f', name: { es: 'la camiseta básica', en: 'the basic tee', zh: '基本款T恤' }, hkd: 195, popularity: 5, sizes: ['S', 'M', 'L', 'XL'], colors: ['BLK', 'WHT', 'GRY'] },
  { code: 'COAT', gender: 'm', name: { es: 'el abrigo de lana', en: 'the wool coat', zh: '羊毛大衣' }, hkd: 899, popularity: 3, sizes: ['S', 'M', 'L'], colors: ['BLK', 'CML'] },
  { code: 'JKT', gender: 'f', name: { es: 'la chaqueta', en: 'the jacket', zh: '外套' }, hkd: 599, popularity: 2, sizes: ['M', 'L'], colors: ['NVY', 'OLV'] },
  { code: 'DRS', gender: 'm', name: { es: 'el vestido', en: 'the dress', zh: '連身裙' }, hkd: 459, popularity: 2, sizes: ['S', 'M'], colors: ['RED', 'BLU'] },
  { code: 'SNK', gender: 'fp', name: { es: 'las zapatillas', en: 'the sneakers', zh: '波鞋' }, hkd: 690, popularity: 3, sizes: ['38', '39', '40', '41', '42', '43'], colors: ['WHT'] },
  { code: 'BAG', gender: 'm', name: { es: 'el bolso tote', en: 'the tote bag', zh: '手袋' }, hkd: 350, popularity: 1.5, sizes: [], colors: ['BLK', 'BEI'] },
];

const GADGETS: readonly Product[] = [
  { sku: 'APL-IP15PM', slug: 'iphone-15-pro-max', name: { es: 'el iPhone 15 Pro Max', en: 'the iPhone 15 Pro Max', zh: 'iPhone 15 Pro Max' }, hkdCents: 949_900, popularity: 0.6 },
  { sku: 'EAR-PRO2', slug: 'earbuds-pro-2', name: { es: 'los auriculares Pro 2', en: 'the Pro 2 earbuds', zh: 'Pro 2 耳機' }, hkdCents: 189_900, popularity: 1 },
  { sku: 'CASE-IP15-CLR', slug: 'iphone-15-clear-case', name: { es: 'la funda transparente', en: 'the clear case', zh: '透明手機殼' }, hkdCents: 14_900, popularity: 1.5 },
];

function expand(line: Line): Product[] {
  const products: Product[] = [];
  const sizes = line.sizes.length > 0 ? line.sizes : [undefined];
  for (const size of sizes) {
    for (const color of line.colors) {
      const colorName = COLOR_NAMES[color];
      const name: Record<Language, string> = {
        es: `${line.name.es} ${colorName.es[line.gender]}`,
        en: `${line.name.en.replace(/^the /, `the ${colorName.en} `)}`,
        zh: `${colorName.zh}${line.name.zh}`,
      };
      const sku = size ? `${line.code}-${size}-${color}` : `${line.code}-${color}`;
      products.push({ sku, slug: sku.toLowerCase(), name, size, hkdCents: line.hkd * 100, popularity: line.popularity / sizes.length });
    }
  }
  return products;
}

export const CATALOG: readonly Product[] = [...LINES.flatMap(expand), ...GADGETS];

export const PRODUCT_TABLE = new WeightedTable(CATALOG.map((product) => [product, product.popularity] as const));
