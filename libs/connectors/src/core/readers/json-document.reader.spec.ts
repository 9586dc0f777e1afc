import { readFileSync } from 'node:fs';
import { lineAndColumn, parseJsonDocument } from './json-document.reader.js';

describe('parseJsonDocument', () => {
  it('parses a valid document', () => {
    expect(parseJsonDocument('{"keys":[]}')).toEqual({ ok: true, value: { keys: [] } });
  });

  it("names the line and column of the upstream OCSF sample's trailing comma", () => {
    const text = readFileSync('/work/shared/samples/ocsf/aws_v1.5.0_cloudtrail_api_activity_6003.ocsf.json', 'utf8');
    const result = parseJsonDocument(text);
    expect(result).toEqual({
      ok: false,
      line: 27,
      reason: 'invalid JSON at line 27, column 5 (position 721): Expected double-quoted property name',
    });
  });

  it('calls an unexpected end of input a likely truncation, at the last line', () => {
    const result = parseJsonDocument('{\n  "Records": [\n    {"eventID": "1"}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('invalid JSON: unexpected end of input at line 3, column 21 (truncated?)');
  });

  it('keeps the input out of the reason when the parser would quote it', () => {
    const result = parseJsonDocument('{"apiKey": tru}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).not.toContain('apiKey');
  });
});

describe('parseJsonDocument positions', () => {
  it('finds the position of an unexpected token that V8 does not locate', () => {
    const result = parseJsonDocument('{\n  "a": 1,\n  "b": tru\n}');
    expect(result).toEqual({ ok: false, line: 3, reason: "invalid JSON at line 3, column 11 (position 22): Unexpected token '\\n'" });
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
