import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/generate/catalog.js';
import { extractEmojis } from '../../src/enrich/text.js';
import { fill, LANGUAGE_PACKS } from '../../src/generate/texts/index.js';
import { keywordCategories } from './keywords.js';

const ORDER = 'A1029';

describe('message texts', () => {
  for (const [language, pack] of Object.entries(LANGUAGE_PACKS)) {
    it(`${language}: every customer template matches exactly the keyword categories it declares, for every product`, () => {
      const mismatches: string[] = [];
      for (const [intent, templates] of Object.entries(pack.customer)) {
        for (const [template, declared] of templates) {
          for (const product of CATALOG) {
            if (template.includes('{size}') && !product.size) continue;
            const text = fill(template, { product: product.name[language as 'es'], size: product.size ?? '', order: ORDER });
            const found = [...keywordCategories(text)].sort();
            if (found.join() !== [...declared].sort().join()) mismatches.push(`${intent}: "${text}" matches [${found}] but declares [${declared}]`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it(`${language}: campaign copies come with and without emoji, each with its tracked link`, () => {
      for (const copy of Object.values(pack.campaigns)) {
        const vars = { url: 'https://t.example/l/AbC123', product: CATALOG[0].name[language as 'es'] };
        expect(extractEmojis(fill(copy.emoji, vars)).length).toBeGreaterThan(0);
        expect(extractEmojis(fill(copy.plain, vars))).toEqual([]);
        expect(fill(copy.emoji, vars)).toContain(vars.url);
        expect(fill(copy.plain, vars)).toContain(vars.url);
      }
    });

    it(`${language}: CSAT button titles fit WhatsApp's 20-character limit`, () => {
      expect(pack.csatTitles).toHaveLength(5);
      for (const title of pack.csatTitles) expect([...title].length).toBeLessThanOrEqual(20);
    });
  }

  it('a template missing a value is an error, not a literal {placeholder}', () => {
    expect(() => fill('Tu pedido {order}', {})).toThrow(/needs \{order\}/);
  });
});
