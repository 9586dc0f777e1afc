import fc from 'fast-check';
import { parseOcsfEvent } from './ocsf-event.parser.js';
import { directionOf, isPrivateAddress, ocsfBytesOut } from './ocsf-volume.util.js';

const geo = (): string | null => null;
const base = { time: 1733529600000, metadata: { uid: 'e1', version: '1.3.0' }, actor: { user: { email_addr: 'ana@example.com' } } };
const parse = (event: object) => parseOcsfEvent({ ...base, ...event }, { geo });

describe('OCSF volume: what left the organisation, per class', () => {
  it('API Activity (6003): the response length, never a traffic object (6003 has none in any 1.x schema)', () => {
    expect(parse({ class_uid: 6003, http_response: { code: 200, length: 5_000_000 }, http_request: { length: 900 } }).bytes).toBe(5_000_000);
    // 1.5+ body_length when the whole length is absent
    expect(parse({ class_uid: 6003, http_response: { code: 200, body_length: 4096 } }).bytes).toBe(4096);
    // the request is data sent in: alone it is no outgoing volume
    expect(parse({ class_uid: 6003, http_request: { length: 7_000_000 } }).bytes).toBeNull();
    expect(parse({ class_uid: 6003, traffic: { bytes_out: 9e9 } }).bytes).toBeNull();
  });

  it('Web Resources Activity (6001): the response length (an Export read out)', () => {
    const event = parse({ class_uid: 6001, activity_id: 7, web_resources: [{ uid: 'report-42', type: 'report' }], http_response: { code: 200, length: 2e9 } });
    expect(event).toMatchObject({ bytes: 2e9, resource: 'report-42' });
  });

  it('File Hosting Activity (6006): a Download takes the file (its size, or the response length); an Upload takes nothing', () => {
    const file = { name: 'customers.xlsx', path: '/sales/customers.xlsx', size: 3e9 };
    expect(parse({ class_uid: 6006, activity_id: 2, file })).toMatchObject({ bytes: 3e9, resource: '/sales/customers.xlsx' });
    expect(parse({ class_uid: 6006, activity_id: 2, file, http_response: { code: 200, length: 3.1e9 } }).bytes).toBe(3.1e9);
    expect(parse({ class_uid: 6006, activity_id: 1, file }).bytes).toBeNull();
    expect(parse({ class_uid: 6006, activity_id: 12, file }).bytes).toBeNull();
  });

  it('Datastore Activity (6005): the response length (1.4+), else requests only', () => {
    expect(parse({ class_uid: 6005, activity_id: 4, table: { name: 'customers' }, http_response: { code: 200, length: 8e8 } })).toMatchObject({ bytes: 8e8, resource: 'customers' });
    expect(parse({ class_uid: 6005, activity_id: 4, database: { name: 'crm' } }).bytes).toBeNull();
  });

  it('Authentication (3002) carries no volume: it counts as a request', () => {
    expect(parse({ class_uid: 3002, user: { email_addr: 'ana@example.com' }, traffic: { bytes_out: 1e9 } }).bytes).toBeNull();
  });

  it.each([
    // [case, event fields, bytes that left]
    ['inbound (1): the outside client downloaded: bytes_in (destination → source)', { connection_info: { direction_id: 1 }, traffic: { bytes_in: 8e9, bytes_out: 2e6 } }, 8e9],
    ['outbound (2): the inside client uploaded: bytes_out (source → destination)', { connection_info: { direction_id: 2 }, traffic: { bytes_in: 8e9, bytes_out: 2e6 } }, 2e6],
    ['lateral (3): both ends inside, nothing left', { connection_info: { direction_id: 3 }, traffic: { bytes_in: 8e9, bytes_out: 2e6 } }, 0],
    ['local (4): nothing left', { connection_info: { direction_id: 4 }, traffic: { bytes_in: 8e9 } }, 0],
    [
      'unknown direction, public client, private server: inbound',
      { connection_info: { direction_id: 0 }, src_endpoint: { ip: '175.45.176.1' }, dst_endpoint: { ip: '10.0.0.5' }, traffic: { bytes_in: 3e9, bytes_out: 1e3 } },
      3e9,
    ],
    ['no direction, private client, public server: outbound', { src_endpoint: { ip: '192.168.1.20' }, dst_endpoint: { ip: '52.95.110.1' }, traffic: { bytes_in: 3e9, bytes_out: 4e9 } }, 4e9],
    ['no direction, both private: inside', { src_endpoint: { ip: '10.1.1.1' }, dst_endpoint: { ip: '10.2.2.2' }, traffic: { bytes_in: 3e9 } }, 0],
    ['no direction, only the public client known: inbound', { src_endpoint: { ip: '203.0.113.7' }, traffic: { bytes_in: 6e9, bytes_out: 1e3 } }, 6e9],
    ['no direction and no addresses: not measured', { traffic: { bytes_in: 3e9, bytes_out: 4e9 } }, null],
    ['only the total `bytes`: not directional, not measured', { connection_info: { direction_id: 1 }, traffic: { bytes: 3e9 } }, null],
    [
      'assignment not known: the inside end is found by address (source public, destination private → inbound)',
      { is_src_dst_assignment_known: false, connection_info: { direction_id: 2 }, src_endpoint: { ip: '175.45.176.1' }, dst_endpoint: { ip: '10.0.0.5' }, traffic: { bytes_in: 5e9, bytes_out: 1e3 } },
      5e9,
    ],
    [
      'no direction, network_scope_id (1.7+) says which end is inside: destination internal, source external → inbound',
      { src_endpoint: { ip: '10.9.9.9', network_scope_id: 2 }, dst_endpoint: { hostname: 'db.acme.test', network_scope_id: 1 }, traffic: { bytes_in: 9e9, bytes_out: 1e3 } },
      9e9,
    ],
  ])('Network Activity (4001) %s', (_case, fields, bytes) => {
    expect(parse({ class_uid: 4001, ...fields }).bytes).toBe(bytes);
  });

  it('HTTP Activity (4002): traffic by direction, else the response (inbound) or request (outbound) length', () => {
    const inbound = { connection_info: { direction_id: 1 }, http_request: { http_method: 'GET', url: { url_string: 'https://files.example.com/export.zip' }, length: 400 } };
    expect(parse({ class_uid: 4002, ...inbound, traffic: { bytes_in: 7e9, bytes_out: 400 } })).toMatchObject({ bytes: 7e9, resource: 'https://files.example.com/export.zip' });
    expect(parse({ class_uid: 4002, ...inbound, http_response: { code: 200, length: 6e9 } }).bytes).toBe(6e9);
    const outbound = { connection_info: { direction_id: 2 }, http_request: { http_method: 'PUT', length: 3e9 }, http_response: { code: 200, length: 200 } };
    expect(parse({ class_uid: 4002, ...outbound }).bytes).toBe(3e9);
  });

  it('accepts the access classes and names them when rejecting another', () => {
    expect(() => parse({ class_uid: 1001, class_name: 'File System Activity' })).toThrow(
      'OCSF class 1001 (File System Activity) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity',
    );
    expect(parse({ class_uid: 4001, src_endpoint: { ip: '10.0.0.9' } })).toMatchObject({ sourceIp: '10.0.0.9', principal: 'ana@example.com', action: 'Network Activity: Unknown', bytes: null });
  });

  it('takes the user of a connection from the initiating endpoint’s owner when there is no actor', () => {
    const event = parseOcsfEvent(
      { class_uid: 4001, time: 1733529600000, src_endpoint: { ip: '10.0.0.8', owner: { email_addr: 'lee@example.com' } }, dst_endpoint: { ip: '52.95.110.1' }, traffic: { bytes_out: 4e9 } },
      { geo },
    );
    expect(event).toMatchObject({ principal: 'lee@example.com', bytes: 4e9 });
    expect(() => parseOcsfEvent({ class_uid: 4001, time: 1733529600000, src_endpoint: { ip: '10.0.0.8' } }, { geo })).toThrow(
      'no principal: neither user, actor.user nor src_endpoint.owner has email_addr, name or uid',
    );
  });

  it('ignores negative lengths (a sentinel, not a size)', () => {
    expect(ocsfBytesOut({ http_response: { length: -1 } }, 6003)).toBeNull();
  });

  it('private addresses are inside; documentation and public ranges are not', () => {
    expect(['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', '127.0.0.1', '169.254.1.1', 'fd00::1', 'fe80::1', '::1', '::ffff:10.0.0.1'].every(isPrivateAddress)).toBe(true);
    expect(['172.32.0.1', '203.0.113.7', '192.0.2.1', '8.8.8.8', '2001:db8::1', '2600::1'].some(isPrivateAddress)).toBe(false);
    expect(directionOf({})).toBe('unknown');
  });
});

describe('OCSF volume: direction (properties)', () => {
  const inside = fc.constantFrom('10.1.2.3', '192.168.7.7', '172.20.0.4', 'fd00::5');
  const outside = fc.constantFrom('175.45.176.1', '203.0.113.9', '8.8.4.4', '2600:1f18::1');
  const bytes = fc.integer({ min: 0, max: 1e12 });

  it('what left is what the inside end sent, whichever end the log calls the source', () => {
    fc.assert(
      fc.property(inside, outside, bytes, bytes, fc.boolean(), (home, away, fromInside, fromOutside, insideIsSource) => {
        // the same connection written both ways round, with the initiator not asserted
        const event = insideIsSource
          ? { src_endpoint: { ip: home }, dst_endpoint: { ip: away }, traffic: { bytes_out: fromInside, bytes_in: fromOutside } }
          : { src_endpoint: { ip: away }, dst_endpoint: { ip: home }, traffic: { bytes_out: fromOutside, bytes_in: fromInside } };
        expect(ocsfBytesOut({ ...event, is_src_dst_assignment_known: false }, 4001)).toBe(fromInside);
        expect(ocsfBytesOut(event, 4002)).toBe(fromInside);
      }),
    );
  });

  it('nothing leaves between two inside ends, and a declared direction wins over the addresses', () => {
    fc.assert(
      fc.property(inside, inside, bytes, bytes, (a, b, out, back) => {
        expect(ocsfBytesOut({ src_endpoint: { ip: a }, dst_endpoint: { ip: b }, traffic: { bytes_out: out, bytes_in: back } }, 4001)).toBe(0);
        expect(ocsfBytesOut({ connection_info: { direction_id: 2 }, src_endpoint: { ip: a }, dst_endpoint: { ip: b }, traffic: { bytes_out: out, bytes_in: back } }, 4001)).toBe(out);
      }),
    );
  });
});
