import { describe, expect, it } from 'vitest';
import { extractEmojis, normalizeText, tokenize } from '../src/enrich/text.js';

describe('text normalization', () => {
  it('lower-cases, strips accents and punctuation, collapses spaces', () => {
    expect(normalizeText('Hola, ¿cuánto  CUESTA el modelo A? ¿Hay descuento? 😊')).toBe('hola cuanto cuesta el modelo a hay descuento');
    expect(normalizeText('¿Dónde está mi paquete?!')).toBe('donde esta mi paquete');
    expect(normalizeText('  ')).toBe('');
  });

  it('splits Chinese into words and keeps the Latin fast path', () => {
    expect(tokenize(normalizeText('hola cuanto cuesta'))).toEqual(['hola', 'cuanto', 'cuesta']);
    const tokens = tokenize(normalizeText('我的包裹在哪裡？訂單 A1029'));
    expect(tokens).toContain('包裹');
    expect(tokens).toContain('a1029');
    expect(tokens.join('')).toBe('我的包裹在哪裡訂單a1029');
  });

  it('lists emoji, including joined sequences and flags', () => {
    expect(extractEmojis('¡Rebajas! 🎉 ok 👍🏽 👨‍👩‍👧 🇭🇰 ❤️')).toEqual(['🎉', '👍🏽', '👨‍👩‍👧', '🇭🇰', '❤️']);
    expect(extractEmojis('no emoji here 123 #')).toEqual([]);
  });
});
