import { readCsv } from '../read/csv.js';
import { openContent } from '../read/open.js';
import type { FileSource } from '../source.js';
import { emitContact } from './contact.js';
import { isDatabaseUrl, pullContacts } from './database.js';
import { fromCrmColumns, fromHubSpot, isHubSpotHeader } from './formats.js';

/** CRM contacts: the CRM's CSV export, HubSpot's contacts export, or a database table by URL. */
export const source: FileSource = {
  kind: 'file',
  name: 'crm',
  rejectSource: 'crm',
  description: 'CRM contacts: CSV (CRM export or HubSpot export), or postgres:// / mysql:// URL with ?table=',
  async readFile(file, emit, context, onBytes) {
    let hubspot: boolean | null = null;
    for await (const item of readCsv(await openContent(file, onBytes), context.maxRecordBytes)) {
      emit.record();
      if ('error' in item) {
        emit.reject(item.error.line, null, item.error.reason, item.error.raw);
        continue;
      }
      const { record } = item;
      hubspot ??= isHubSpotHeader(record.columns);
      const input = hubspot ? fromHubSpot(record.values) : fromCrmColumns(record.values, 'csv', record.values);
      emitContact(input, record.line, file, record.raw, emit, context);
      await emit.checkpoint();
    }
  },
  isPullInput: isDatabaseUrl,
  pull: pullContacts,
};
