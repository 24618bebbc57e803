import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { run, tempDir } from './helpers.js';

/** Shopify's orders export header, as "Export orders → CSV for Excel…" writes it. */
const SHOPIFY_HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References';

function shopifyRow(values: Record<string, string>): string {
  return SHOPIFY_HEADER.split(',')
    .map((column) => {
      const value = values[column] ?? '';
      return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(',');
}

const HUBSPOT_HEADER = 'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Street Address,City,State/Region,Postal Code,Country/Region,Lifecycle Stage,Create Date,Last Modified Date';

describe.each(TARGETS.filter((t) => t.name !== 'chdb'))('orders and CRM formats on $name', (target) => {
  let warehouse: Warehouse;
  const dir = tempDir('formats');

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });
  afterAll(async () => warehouse?.close());

  it("maps Shopify's orders export, one row per line item, to orders and items", async () => {
    const file = join(dir, 'orders_export_1.csv');
    const first = { Name: '#1001', Email: 'lin@example.com', 'Financial Status': 'paid', 'Paid at': '2026-11-20 17:15:00 +0800', 'Fulfillment Status': 'unfulfilled', Currency: 'TWD', Subtotal: '3585.00', Total: '3585.00', 'Created at': '2026-11-20 17:12:44 +0800', 'Billing Name': 'Mei Lin', 'Billing Country': 'TW', 'Billing Phone': '0912 345 678', 'Payment Method': 'Cash on Delivery (COD)', Id: '5500000000001' };
    writeFileSync(
      file,
      [
        SHOPIFY_HEADER,
        shopifyRow({ ...first, 'Lineitem quantity': '2', 'Lineitem name': 'T-shirt M / Black', 'Lineitem price': '1195.00', 'Lineitem sku': 'TS-M-BLK' }),
        shopifyRow({ Name: '#1001', Email: 'lin@example.com', 'Lineitem quantity': '1', 'Lineitem name': 'Cap, "classic"', 'Lineitem price': '1195.00', 'Lineitem sku': 'CAP-01' }),
        shopifyRow({ Name: '#1002', 'Financial Status': 'pending', Currency: 'HKD', Total: '99.50', 'Created at': '2026-11-21 10:00:00 +0800', 'Shipping Country': 'HK', Phone: '+852 9123 4567', 'Lineitem quantity': '1', 'Lineitem name': 'Socks', 'Lineitem price': '99.50', 'Lineitem sku': 'SOCK-1' }),
        shopifyRow({ Name: '#1003', 'Financial Status': 'refunded', Currency: 'HKD', Total: '10.00', 'Created at': '2026-11-21 11:00:00 +0800', 'Cancelled at': '2026-11-22 09:30:00 +0800', Phone: '91234567', 'Lineitem quantity': '1', 'Lineitem price': '10.00', 'Lineitem sku': 'X' }),
      ].join('\n'),
    );
    const summary = await run(warehouse, 'orders', [file]);
    expect(summary).toMatchObject({ records: 4, rejected: 0, tables: { raw_orders: { loaded: 3 }, raw_order_items: { loaded: 4 } } });
    expect(await warehouse.query("SELECT order_id, source, customer_phone, customer_name, email, status, payment_method, currency, total, created_at_ms, updated_at_ms, paid_at_ms, source_line FROM raw_orders WHERE source = 'shopify' ORDER BY order_id")).toEqual([
      { order_id: '#1001', source: 'shopify', customer_phone: '+886912345678', customer_name: 'Mei Lin', email: 'lin@example.com', status: 'paid', payment_method: 'Cash on Delivery (COD)', currency: 'TWD', total: 3585, created_at_ms: Date.UTC(2026, 10, 20, 9, 12, 44), updated_at_ms: Date.UTC(2026, 10, 20, 9, 15), paid_at_ms: Date.UTC(2026, 10, 20, 9, 15), source_line: 2 },
      { order_id: '#1002', source: 'shopify', customer_phone: '+85291234567', customer_name: null, email: null, status: 'placed', payment_method: null, currency: 'HKD', total: 99.5, created_at_ms: Date.UTC(2026, 10, 21, 2), updated_at_ms: Date.UTC(2026, 10, 21, 2), paid_at_ms: null, source_line: 4 },
      { order_id: '#1003', source: 'shopify', customer_phone: '+85291234567', customer_name: null, email: null, status: 'cancelled', payment_method: null, currency: 'HKD', total: 10, created_at_ms: Date.UTC(2026, 10, 21, 3), updated_at_ms: Date.UTC(2026, 10, 22, 1, 30), paid_at_ms: null, source_line: 5 },
    ]);
    // Every event time has its timestamp beside the epoch ms.
    expect(await warehouse.query("SELECT o.paid_at AS paid_at, i.updated_at AS updated_at FROM raw_orders o JOIN raw_order_items i ON i.order_id = o.order_id AND i.row_hash = o.row_hash WHERE o.order_id = '#1001' ORDER BY i.line_no")).toEqual([
      { paid_at: '2026-11-20 09:15:00', updated_at: '2026-11-20 09:15:00' },
      { paid_at: '2026-11-20 09:15:00', updated_at: '2026-11-20 09:15:00' },
    ]);
    expect(await warehouse.query("SELECT count(*) AS n FROM raw_orders WHERE paid_at IS NULL AND order_id IN ('#1002', '#1003')")).toEqual([{ n: 2 }]);
    expect(await warehouse.query("SELECT order_id, line_no, sku, name, quantity, unit_price, currency FROM raw_order_items WHERE order_id = '#1001' ORDER BY line_no")).toEqual([
      { order_id: '#1001', line_no: 1, sku: 'TS-M-BLK', name: 'T-shirt M / Black', quantity: 2, unit_price: 1195, currency: 'TWD' },
      { order_id: '#1001', line_no: 2, sku: 'CAP-01', name: 'Cap, "classic"', quantity: 1, unit_price: 1195, currency: 'TWD' },
    ]);
  });

  it('tells identical re-deliveries of an NDJSON order from conflicting versions by row_hash', async () => {
    const order = { order_id: 'N1', customer_phone: '+85291234567', created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:05:00Z', status: 'paid', payment_method: 'card', currency: 'HKD', total: 20, items: [{ sku: 'A', name: 'Alpha', quantity: 2, unit_price: 10 }] };
    const file = join(dir, 'orders.ndjson');
    writeFileSync(
      file,
      [
        order,
        { ...order, items: [{ unit_price: 10, quantity: 2, name: 'Alpha', sku: 'A' }] },
        { ...order, total: 25 },
        { ...order, updated_at: '2026-11-21T00:00:00Z', status: 'fulfilled' },
        { ...order, order_id: 'N2', items: 'B:1:5|C:3:5' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const summary = await run(warehouse, 'orders', [file]);
    expect(summary.tables).toEqual({ raw_orders: { loaded: 4, duplicates: 1 }, raw_order_items: { loaded: 5, duplicates: 1 } });
    const versions = await warehouse.query("SELECT updated_at_ms, status, total, row_hash FROM raw_orders WHERE order_id = 'N1' ORDER BY updated_at_ms, total");
    expect(versions.map((v) => [v.updated_at_ms, v.status, v.total])).toEqual([
      [Date.UTC(2026, 10, 20, 9, 5), 'paid', 20],
      [Date.UTC(2026, 10, 20, 9, 5), 'paid', 25],
      [Date.UTC(2026, 10, 21), 'fulfilled', 20],
    ]);
    expect(new Set(versions.map((v) => v.row_hash)).size).toBe(3);
    expect(await warehouse.query("SELECT sku, quantity, unit_price FROM raw_order_items WHERE order_id = 'N2' ORDER BY line_no")).toEqual([
      { sku: 'B', quantity: 1, unit_price: 5 },
      { sku: 'C', quantity: 3, unit_price: 5 },
    ]);
    const again = await run(warehouse, 'orders', [file]);
    expect(again.tables).toEqual({ raw_orders: { loaded: 0, duplicates: 5 }, raw_order_items: { loaded: 0, duplicates: 6 } });
  });

  it("maps HubSpot's contacts export, country names included", async () => {
    const file = join(dir, 'hubspot-crm-exports-all-contacts.csv');
    writeFileSync(
      file,
      [
        HUBSPOT_HEADER,
        '51,Mei,Lin,lin@example.com,0912 345 678,+886 912 345 679,"No. 7, Example St",Taipei,,110,Taiwan,customer,2026-01-02 09:00,2026-11-18 18:00',
        '52,Tai Man,Chan,chan@example.com,9123 4567,,,,,,Hong Kong,lead,2026-01-02 09:00,2026-11-19 08:30',
      ].join('\n'),
    );
    const summary = await run(warehouse, 'crm', [file]);
    expect(summary).toMatchObject({ records: 2, rejected: 0, tables: { raw_customers: { loaded: 2 } } });
    expect(await warehouse.query("SELECT crm_id, source, full_name, phones, email, address, postal_code, country, tags, updated_at_ms FROM raw_customers WHERE source = 'hubspot' ORDER BY crm_id")).toEqual([
      { crm_id: '51', source: 'hubspot', full_name: 'Mei Lin', phones: ['+886912345678', '+886912345679'], email: 'lin@example.com', address: 'No. 7, Example St, Taipei', postal_code: '110', country: 'Taiwan', tags: ['customer'], updated_at_ms: Date.UTC(2026, 10, 18, 10) },
      { crm_id: '52', source: 'hubspot', full_name: 'Tai Man Chan', phones: ['+85291234567'], email: 'chan@example.com', address: null, postal_code: null, country: 'Hong Kong', tags: ['lead'], updated_at_ms: Date.UTC(2026, 10, 19, 0, 30) },
    ]);
  });
});

interface CrmDatabase {
  name: string;
  url: (table: string) => string;
  /** How the run names the table in `source_file`: the URL without credentials or options. */
  label: (table: string) => string;
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  timestampType: string;
}

async function postgres(): Promise<CrmDatabase> {
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await client.connect();
  return {
    name: 'postgres',
    url: (table) => `postgres://postgres@127.0.0.1:5432/test?table=${table}`,
    label: (table) => `postgres://postgres@127.0.0.1:5432/test#${table}`,
    exec: async (sql) => void (await client.query(sql)),
    close: () => client.end(),
    timestampType: 'timestamp(3)',
  };
}

async function mariadb(): Promise<CrmDatabase> {
  const connection = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  return {
    name: 'mysql',
    url: (table) => `mysql://root@127.0.0.1:3306/test?table=${table}`,
    label: (table) => `mysql://root@127.0.0.1:3306/test#${table}`,
    exec: async (sql) => void (await connection.query(sql)),
    close: () => connection.end(),
    timestampType: 'datetime(3)',
  };
}

const DATABASES = [
  { name: 'PostgreSQL', open: postgres },
  { name: 'MariaDB', open: mariadb },
];

describe.each(TARGETS.filter((t) => t.name !== 'chdb'))('CRM database table into $name', (target) => {
  describe.each(DATABASES)('from $name', ({ open }) => {
    let warehouse: Warehouse;
    let db: CrmDatabase;
    const table = `crm_contacts_${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      warehouse = await target.open();
      await initWarehouse(warehouse);
      db = await open();
      await db.exec(
        `CREATE TABLE ${table} (crm_id varchar(32) primary key, first_name varchar(100), last_name varchar(100), phone varchar(40), mobile_phone varchar(40), email varchar(200), tier varchar(20), address varchar(200), postal_code varchar(20), country varchar(40), tags varchar(200), updated_at ${db.timestampType})`,
      );
      await db.exec(
        `INSERT INTO ${table} VALUES
          ('C-1', 'Tai Man', 'Chan', '+85291234567', NULL, 'chan@example.com', 'gold', NULL, NULL, 'HK', 'vip;wholesale', '2026-11-18 10:00:00.000'),
          ('C-2', 'Mei', 'Lin', '0912345678', '+886 912 345 679', NULL, NULL, NULL, '110', 'TW', NULL, '2026-11-18 10:00:00.000'),
          ('C-3', 'Ana', 'Gómez', '612 34 56 78', NULL, NULL, NULL, NULL, NULL, 'ES', NULL, '2026-11-19 08:30:12.345'),
          ('C-4', 'No', 'Time', '+85261234567', NULL, NULL, NULL, NULL, NULL, 'HK', NULL, NULL)`,
      );
    });
    afterAll(async () => {
      await db?.exec(`DROP TABLE IF EXISTS ${table}`);
      await db?.close();
      await warehouse?.close();
    });

    it('reads every row once, then only rows changed after the watermark', async () => {
      const first = await run(warehouse, 'crm', [db.url(table)]);
      expect(first).toMatchObject({ inputs: 1, records: 4, rejected: 1, tables: { raw_customers: { loaded: 3, duplicates: 0 } } });
      expect(await warehouse.query('SELECT crm_id, source, phones, tags, updated_at_ms, source_file FROM raw_customers ORDER BY crm_id')).toEqual([
        { crm_id: 'C-1', source: db.name, phones: ['+85291234567'], tags: ['vip', 'wholesale'], updated_at_ms: Date.UTC(2026, 10, 18, 10), source_file: db.label(table) },
        { crm_id: 'C-2', source: db.name, phones: ['+886912345678', '+886912345679'], tags: [], updated_at_ms: Date.UTC(2026, 10, 18, 10), source_file: expect.any(String) },
        { crm_id: 'C-3', source: db.name, phones: ['+34612345678'], tags: [], updated_at_ms: Date.UTC(2026, 10, 19, 8, 30, 12, 345), source_file: expect.any(String) },
      ]);
      const [mark] = await warehouse.query("SELECT value FROM ingest_state WHERE key LIKE 'crm:%'");
      expect(JSON.parse(mark.value as string)).toMatchObject({ crm_id: 'C-3' });

      await db.exec(`UPDATE ${table} SET tier = 'silver', updated_at = '2026-11-20 00:00:00.000' WHERE crm_id = 'C-2'`);
      await db.exec(`INSERT INTO ${table} VALUES ('C-5', 'New', 'One', '+85251234567', NULL, NULL, NULL, NULL, NULL, 'HK', NULL, '2026-11-20 00:00:00.000')`);
      const second = await run(warehouse, 'crm', [db.url(table)]);
      // Only the two changed rows are read (plus the row without updated_at, rejected again, not twice).
      expect(second).toMatchObject({ records: 3, rejected: 1, tables: { raw_customers: { loaded: 2, duplicates: 0 }, ingest_rejects: { loaded: 0, duplicates: 1 } } });
      expect(await warehouse.query("SELECT tier FROM raw_customers WHERE crm_id = 'C-2' ORDER BY updated_at_ms")).toEqual([{ tier: null }, { tier: 'silver' }]);

      const third = await run(warehouse, 'crm', [db.url(table)]);
      expect(third).toMatchObject({ records: 1, tables: { ingest_rejects: { loaded: 0, duplicates: 1 } } });
      expect(await warehouse.query("SELECT field, reason FROM ingest_rejects WHERE source = 'crm'")).toEqual([{ field: 'updated_at', reason: 'missing field (crm_id C-4)' }]);
    });
  });
});
