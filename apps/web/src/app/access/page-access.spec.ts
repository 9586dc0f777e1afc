import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { ADMIN_PAGES } from '../../features/administration/admin-access.js';
import { NAV_ITEMS, pageNeeds } from '../nav-items.js';
import { rootFieldsOf } from './root-fields.js';

const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
const operations = new Set([...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())]);

describe('the one access map', () => {
  it('names, for every page, operations the API has (a typo would hide the page from every role)', () => {
    for (const page of [...NAV_ITEMS, ...ADMIN_PAGES]) {
      const fields = page.needs.flatMap((n) => (typeof n === 'string' ? [] : rootFieldsOf(n)));
      expect({ page: page.path, fields: fields.length > 0, unknown: fields.filter((f) => !operations.has(f)) }).toEqual({ page: page.path, fields: true, unknown: [] });
    }
  });

  it('finds the page behind a path: a finding under /findings/, the hub under /admin, nothing for the sign-in page', () => {
    expect(pageNeeds('/findings/abc')?.anyOf.flat().flatMap((n) => (typeof n === 'string' ? [n] : rootFieldsOf(n)))).toEqual(['finding']);
    expect(pageNeeds('/findings')?.anyOf.flat().flatMap((n) => (typeof n === 'string' ? [n] : rootFieldsOf(n)))).toEqual(['findings']);
    expect(pageNeeds('/admin')?.anyOf).toHaveLength(ADMIN_PAGES.length);
    expect(pageNeeds('/connectors/upload')?.anyOf.flat()).toContain('POST /api/orgs/:org/ingest/:source');
    expect(pageNeeds('/sign-in')).toBeNull();
  });
});
