import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../src/ingest/landing.js';
import type { Emit } from '../../src/ingest/source.js';
import { parseWebhook } from '../../src/ingest/whatsapp/webhook.js';
import { context } from './helpers.js';

function parse(message: Record<string, unknown>): MessageRow {
  const rows: MessageRow[] = [];
  const rejects: string[] = [];
  const emit: Emit = {
    row: (_table, row) => rows.push(row as MessageRow),
    reject: (_line, field, reason) => rejects.push(`${field}: ${reason}`),
    record() {},
    async checkpoint() {},
  };
  const value = { messaging_product: 'whatsapp', metadata: { phone_number_id: '411100223344556' }, messages: [{ from: '85291234567', id: 'wamid.x', timestamp: '1795154592', ...message }] };
  parseWebhook(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value }] }] }), 1, 'f.json', emit, context());
  expect(rejects).toEqual([]);
  return rows[0];
}

describe('webhook message types', () => {
  it('takes text, reply id and context from every documented type', () => {
    const cases: [Record<string, unknown>, Partial<MessageRow>][] = [
      [{ type: 'text', text: { body: 'hola' } }, { text: 'hola' }],
      [{ type: 'image', image: { caption: 'foto', id: '1' } }, { text: 'foto' }],
      [{ type: 'video', video: { id: '1' } }, { text: null }],
      [{ type: 'document', document: { caption: 'factura', filename: 'f.pdf' } }, { text: 'factura' }],
      [{ type: 'audio', audio: { id: '1', voice: true } }, { text: null }],
      [{ type: 'sticker', sticker: { id: '1', animated: false } }, { text: null }],
      [{ type: 'location', location: { latitude: 22.3, longitude: 114.2, name: 'Tienda', address: 'Central' } }, { text: 'Tienda, Central' }],
      [{ type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Gómez' }, phones: [{ phone: '+34612345678' }] }] }, { text: 'Ana Gómez' }],
      [{ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'size_m', title: 'Talla M', description: 'Mediana' } } }, { text: 'Talla M', interactive_id: 'size_m' }],
      [{ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'csat_1', title: 'Malo' } } }, { text: 'Malo', interactive_id: 'csat_1' }],
      [{ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{}' } } }, { text: 'Sent', interactive_id: 'flow' }],
      [{ type: 'button', button: { text: 'Stop promotions', payload: 'STOP' }, context: { from: '85230001234', id: 'wamid.tpl' } }, { text: 'Stop promotions', interactive_id: 'STOP', context_message_id: 'wamid.tpl' }],
      [{ type: 'reaction', reaction: { message_id: 'wamid.out', emoji: '' } }, { text: null, context_message_id: 'wamid.out' }],
      [{ type: 'order', order: { catalog_id: '1', product_items: [{ product_retailer_id: 'A', quantity: 1, item_price: 9, currency: 'HKD' }] } }, { text: null }],
      [{ type: 'system', system: { body: 'Ana changed their phone number', wa_id: '34612345679', type: 'user_changed_number' } }, { text: 'Ana changed their phone number' }],
      [{ type: 'unsupported', errors: [{ code: 131051 }] }, { text: null }],
      [{ type: 'request_welcome' }, { text: null, type: 'request_welcome' }],
      [{ type: 'text', text: { body: 'vi el anuncio' }, referral: { source_url: 'https://fb.me/x', source_id: 'ad1', source_type: 'ad' } }, { referral_source_id: 'ad1', referral_source_url: 'https://fb.me/x' }],
    ];
    for (const [message, expected] of cases) {
      const row = parse(message);
      expect(row, JSON.stringify(message)).toMatchObject({ direction: 'inbound', sender_kind: 'customer', type: message.type, ...expected });
      expect(JSON.parse(row.raw_json)).toMatchObject(message);
    }
  });
});
