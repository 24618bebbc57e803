import { hash } from 'node:crypto';

/** A customer's key as stg_identity defines it ('c_' and 16 hex digits of the SHA-256 of the key phone), computed apart from the SQL that the tests check. */
export function customerKey(phone: string): string {
  return `c_${hash('sha256', phone, 'hex').slice(0, 16)}`;
}
